/*
 * Generates each backend plugin's OpenAPI document and typed router from the
 * plugin's src/schema/openapi.ts, whose createOpenApiDocument() builds the
 * document from the shared zod schemas:
 *
 *   src/schema/openapi.yaml                  the document, for people and tools
 *   src/schema/openapi/generated/router.ts   the document as a const, so that
 *                                            `createValidatedOpenApiRouter`
 *                                            types every route and serves it
 *                                            at /openapi.json
 *
 * `backstage-repo-tools package schema openapi generate --server` would
 * write the router from a hand-written yaml, but it needs a Java generator
 * jar downloaded from outside the npm registry, which these machines cannot
 * reach, and the yaml would be a second copy of the zod schemas.
 *
 *   node scripts/generate-openapi.js          write the files
 *   node scripts/generate-openapi.js --check  fail if one is out of date
 */
const fs = require('node:fs');
const path = require('node:path');
const prettier = require('prettier');
const { stringify } = require('yaml');

// Lets this script require the plugins' TypeScript sources.
require('@backstage/cli/config/nodeTransform.cjs');

const root = path.resolve(__dirname, '..');
const check = process.argv.includes('--check');

const HEADER = [
  'THIS IS A GENERATED FILE. DO NOT EDIT IT DIRECTLY.',
  'It is generated from the zod schemas of change-management-common by',
  'src/schema/openapi.ts: edit those, then run: yarn generate:openapi',
];

function renderYaml(document) {
  // YAML 1.1 quotes `yes` and `no`, which 1.1 readers would take for
  // booleans; no aliases, so each schema reads on its own.
  const yaml = stringify(document, {
    version: '1.1',
    aliasDuplicateObjects: false,
  });
  return `${HEADER.map(line => `# ${line}`).join('\n')}\n${yaml}`;
}

function renderRouter(document) {
  return `${HEADER.map(line => `// ${line}`).join('\n')}
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = ${JSON.stringify(document, null, 2)} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
`;
}

/** Writes a file, or with --check reports it when it differs. */
async function output(file, source, parser, stale) {
  const options = await prettier.resolveConfig(file);
  const formatted = prettier.format(source, { ...options, parser });
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (current === formatted) return;
  if (check) {
    stale.push(path.relative(root, file));
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, formatted);
  console.log(`wrote ${path.relative(root, file)}`);
}

async function main() {
  const stale = [];
  for (const plugin of fs.readdirSync(path.join(root, 'plugins'))) {
    const schemaDir = path.join(root, 'plugins', plugin, 'src/schema');
    const generator = path.join(schemaDir, 'openapi.ts');
    if (!fs.existsSync(generator)) continue;
    const document = require(generator).createOpenApiDocument();
    await output(
      path.join(schemaDir, 'openapi.yaml'),
      renderYaml(document),
      'yaml',
      stale,
    );
    await output(
      path.join(schemaDir, 'openapi/generated/router.ts'),
      renderRouter(document),
      'typescript',
      stale,
    );
  }
  if (stale.length) {
    console.error(
      `Out of date with the zod schemas: ${stale.join(
        ', ',
      )}. Run 'yarn generate:openapi'.`,
    );
    process.exit(1);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
