import { mockCredentials } from '@backstage/backend-test-utils';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import request, { Response } from 'supertest';
import { Harness, UserName, users } from './harness';

/** Where the plugin is mounted; the served document's paths start with it. */
export const BASE = '/api/change-management';

type Media = Record<string, { schema: object }>;
type Operation = {
  requestBody?: { content: Media };
  responses: Record<string, { content?: Media }>;
};
export type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, any> };
};

const pointer = (...tokens: string[]) =>
  tokens
    .map(t => encodeURIComponent(t.replace(/~/g, '~0').replace(/\//g, '~1')))
    .join('/');

/**
 * The served OpenAPI document as a referee: it checks each request sent and
 * each answer received against what the document says of that route, and
 * keeps the problems and the answers seen.
 */
export class OpenApiContract {
  /** What did not match the document, one line each. */
  readonly problems: string[] = [];
  /** The documented answers seen, as `post /changes 201`. */
  readonly seen = new Set<string>();
  private readonly ajv = new Ajv2020({ allErrors: true });

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    // OpenAPI's discriminator is a hint (each oneOf option names its
    // action); the document's top-level sections are not schema keywords.
    for (const keyword of ['discriminator', ...Object.keys(document)]) {
      this.ajv.addKeyword(keyword);
    }
    this.ajv.addSchema(document, 'openapi');
  }

  /** Whether a value matches a named schema of the document. */
  matches(component: string, value: unknown): boolean {
    return this.ajv.validate(
      `openapi#/${pointer('components', 'schemas', component)}`,
      value,
    );
  }

  /** Every answer the document lists, as `get /changes/{id} 404`. */
  documentedAnswers(): string[] {
    return Object.entries(this.document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, operation]) =>
        Object.keys(operation.responses).map(
          status => `${method} ${path.slice(BASE.length)} ${status}`,
        ),
      ),
    );
  }

  /** The documented path a concrete one falls under, e.g. `/changes/{id}`. */
  private template(path: string): string | undefined {
    const bare = path.split('?')[0];
    return Object.keys(this.document.paths).find(documented =>
      new RegExp(`^${documented.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare),
    );
  }

  /** Validates a value against the schema at a place in the document. */
  private validate(what: string, value: unknown, ...at: string[]) {
    const validate = this.ajv.getSchema(`openapi#/${pointer(...at)}`)!;
    if (!validate(value)) {
      const errors = (validate.errors ?? []).map(e => {
        const key = e.params.additionalProperty;
        return `${e.instancePath || 'body'} ${e.message}${
          key ? `: ${key}` : ''
        }`;
      });
      this.problems.push(`${what}: ${errors.join('; ')}`);
    }
  }

  /** Checks one exchange: the body sent, if it was accepted, and the answer. */
  check(method: string, path: string, sent: unknown, res: Response) {
    const template = this.template(BASE + path);
    const operation = template && this.document.paths[template][method];
    const name = `${method} ${template?.slice(BASE.length) ?? path}`;
    if (!operation) {
      this.problems.push(`${name}: not in the document`);
      return;
    }
    const answer = `${name} ${res.status}`;
    const response = operation.responses[res.status];
    if (!response) {
      this.problems.push(`${answer}: status not in the document`);
      return;
    }
    this.seen.add(answer);
    const at = ['paths', template, method];
    if (operation.requestBody && res.status < 300) {
      const media = ['content', 'application/json', 'schema'];
      this.validate(`${name} request`, sent, ...at, 'requestBody', ...media);
    }
    if (!response.content?.[res.type]) {
      this.problems.push(`${answer}: ${res.type} not in the document`);
      return;
    }
    this.validate(
      answer,
      res.type === 'application/json' ? res.body : res.text,
      ...at,
      'responses',
      String(res.status),
      'content',
      res.type,
      'schema',
    );
  }

  /**
   * Requests to the plugin as a user (or with other credentials), each
   * checked against the document.
   */
  client(h: Harness) {
    const send = (authorization: string) => {
      const exchange =
        (method: 'get' | 'post' | 'patch') =>
        async (path: string, body?: unknown, contentType?: string) => {
          let req = request(h.server)
            [method](BASE + path)
            .set('Authorization', authorization);
          if (contentType) req = req.set('Content-Type', contentType);
          const res = await (body === undefined ? req : req.send(body as any));
          this.check(method, path, body, res);
          return res;
        };
      return {
        get: exchange('get'),
        post: exchange('post'),
        patch: exchange('patch'),
      };
    };
    return {
      as: (user: UserName) => send(mockCredentials.user.header(users[user])),
      anonymous: () => send(mockCredentials.none.header()),
      service: () => send(mockCredentials.service.header()),
    };
  }
}

/** The document the plugin serves, as a referee. */
export async function servedContract(h: Harness) {
  const res = await h.as('oscar').get('/openapi.json');
  if (res.status !== 200) {
    throw new Error(`GET /openapi.json answered ${res.status}`);
  }
  return new OpenApiContract(res.body);
}
