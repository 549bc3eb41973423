import { TestDatabases } from '@backstage/backend-test-utils';
import { apiRoutes } from '@trove/backstage-plugin-change-management-common';
import { actionFields, drafts } from '../__testUtils__/changes';
import {
  Harness,
  startChangeManagement,
  UserName,
} from '../__testUtils__/harness';
import {
  BASE,
  OpenApiContract,
  servedContract,
} from '../__testUtils__/openApiContract';

jest.setTimeout(60_000);

/** The routes of docs/api.md, with their methods. */
const ROUTES = {
  '/health': ['get'],
  '/ping': ['get'],
  '/changes': ['post', 'get'],
  '/changes/{id}': ['get', 'patch'],
  '/changes/{id}/actions': ['post'],
  '/changes/{id}/events': ['get'],
  '/changes/{id}/pull-request': ['get'],
  '/changes/{id}/pull-request/refresh': ['post'],
  '/freeze': ['get'],
  '/gate': ['get'],
  '/export': ['get'],
  '/audit/verify': ['get'],
  '/summary': ['get'],
  '/entities/facts': ['get'],
  '/metrics': ['get'],
  '/metrics/overview': ['get'],
  '/queues': ['get'],
  '/audit/checkpoints': ['get'],
  '/audit/sample': ['get'],
  '/audit/counts': ['get'],
  '/audit/exceptions': ['get'],
  '/audit/evidence/{id}': ['get'],
  '/conflicts': ['get'],
  '/risk': ['get'],
  '/calendar': ['get'],
  '/free-slot': ['get'],
  '/lockdowns': ['post', 'get'],
  '/lockdowns/{id}/lift': ['post'],
};

/** docs/workflow.md's fields of each action; `?` marks the optional ones. */
const ACTION_FIELDS: Record<string, string[]> = {
  edit: [
    'type?',
    'title',
    'description?',
    'risks?',
    'testingNotes?',
    'pullRequestUrl?',
    'incident?',
    'proposedFix?',
    'causedBy?',
    'affectedEntityRefs',
    'plannedStart?',
    'plannedEnd?',
  ],
  submit: [],
  review: ['comment?'],
  'request-changes': ['comment'],
  'waive-review': ['reason'],
  'return-to-review': ['comment?'],
  approve: ['comment?'],
  reject: ['comment'],
  'record-staging': [
    'functionalTested',
    'regressionChecked',
    'noUnexpectedSideEffects',
    'stagingTested',
    'comment?',
  ],
  'sign-off': ['comment?'],
  deploy: ['deploymentRef?', 'commitSha?', 'comment?'],
  verify: ['postDeploymentVerified', 'issuesEncountered'],
  'roll-back': ['reason'],
  'document-retrospective': ['whatChanged', 'why', 'approvalReceived'],
  'complete-review': ['preventable', 'notes'],
  cancel: ['reason'],
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Every value in a JSON tree, with its path. */
function* walk(node: unknown, path = '#'): Generator<[string, any]> {
  if (node && typeof node === 'object') {
    yield [path, node];
    for (const [key, child] of Object.entries(node)) {
      yield* walk(child, `${path}/${key}`);
    }
  }
}

describe('the OpenAPI document served at /openapi.json', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let h: Harness;
  let contract: OpenApiContract;
  let schemas: Record<string, any>;

  beforeAll(async () => {
    h = await startChangeManagement({
      knex: await databases.init('SQLITE_3'),
      // Issue 24: an infrastructure change is high risk and takes two
      // reviews, so that a real change holds `secondReviewed`.
      changeManagement: {
        risk: {
          weights: { infrastructure: 100 },
          policies: { highRisk: { twoPeerReviews: true } },
        },
      },
    });
    contract = await servedContract(h);
    schemas = contract.document.components.schemas;
  });

  const operation = (method: string, path: string) =>
    contract.document.paths[BASE + path][method] as any;

  it('lists every route with its methods', () => {
    const { paths } = contract.document;
    expect(
      Object.fromEntries(
        Object.entries(paths).map(([path, methods]) => [
          path.slice(BASE.length),
          Object.keys(methods),
        ]),
      ),
    ).toEqual(ROUTES);
  });

  it("serves each operation of the shared route table (the frontend client's) at its method and path", () => {
    const served = Object.entries(contract.document.paths).flatMap(
      ([path, methods]) =>
        Object.entries(methods as Record<string, any>).map(([method, op]) => [
          op.operationId,
          { method, path: path.slice(BASE.length) },
        ]),
    );
    expect(Object.fromEntries(served)).toEqual(
      Object.fromEntries(
        Object.entries(apiRoutes).map(([id, { method, path }]) => [
          id,
          { method, path },
        ]),
      ),
    );
  });

  it('closes every object but the error of a Backstage error body', () => {
    const open = [...walk(contract.document)]
      .filter(
        ([, node]) =>
          node.type === 'object' && node.additionalProperties !== false,
      )
      .map(([path]) => path);
    expect(open).toEqual([
      '#/components/schemas/ErrorResponse/properties/error',
    ]);
  });

  it('describes every key of real changes, closed to others', async () => {
    /** Raises a change and takes it along a path, as the given people. */
    const raise = async (draft: object, steps: [UserName, string][]) => {
      const { body } = await h.as('alice').post('/changes', draft);
      let change = body;
      for (const [user, action] of steps) {
        change = await h.act(user, body.id, action, actionFields[action]);
      }
      return [body, change];
    };
    const planned = {
      ...drafts.standard,
      plannedStart: '2026-06-11T10:00:00.000Z',
      plannedEnd: '2026-06-11T11:00:00.000Z',
    };
    const [created, completed] = await raise(planned, [
      ['alice', 'submit'],
      ['bob', 'review'],
      ['carol', 'approve'],
      ['alice', 'record-staging'],
      ['carol', 'sign-off'],
      ['alice', 'deploy'],
      ['alice', 'verify'],
    ]);
    const [, reviewed] = await raise(
      { ...drafts.emergency, causedBy: completed.id },
      [
        ['alice', 'submit'],
        ['carol', 'approve'],
        ['alice', 'deploy'],
        ['alice', 'verify'],
        ['alice', 'document-retrospective'],
        ['carol', 'complete-review'],
      ],
    );

    const [, twice] = await raise(drafts.infrastructure, [
      ['alice', 'submit'],
      ['bob', 'review'],
      ['dana', 'review'],
    ]);
    const { properties, required, additionalProperties } = schemas.Change;
    expect(additionalProperties).toBe(false);
    for (const change of [created, completed, reviewed, twice]) {
      const { allowedActions, windowWarnings: _, ...record } = change;
      expect(Object.keys(properties)).toEqual(
        expect.arrayContaining(Object.keys(record)),
      );
      expect(Object.keys(record)).toEqual(expect.arrayContaining(required));
      expect(contract.matches('Change', record)).toBe(true);
      expect(contract.matches('ChangeView', change)).toBe(true);
      expect(allowedActions).toBeDefined();
    }
    // Between them the changes hold every key the document describes, but
    // the PR's warnings: only a pull request reader (the GitHub module,
    // whose tests read them) gives those.
    expect(
      Object.keys({ ...created, ...completed, ...reviewed, ...twice }).sort(),
    ).toEqual(
      Object.keys(schemas.ChangeView.properties)
        .filter(key => key !== 'pullRequestWarnings')
        .sort(),
    );
  });

  it('describes the fields of each action, and only those', () => {
    const { oneOf, discriminator } = schemas.ActionRequest;
    expect(discriminator.propertyName).toBe('action');
    expect(Object.keys(discriminator.mapping)).toEqual(
      Object.keys(ACTION_FIELDS),
    );
    expect(oneOf).toHaveLength(16);
    for (const [action, fields] of Object.entries(ACTION_FIELDS)) {
      const schema = schemas[discriminator.mapping[action].split('/').pop()];
      expect(oneOf).toContainEqual({ $ref: discriminator.mapping[action] });
      expect(schema.properties.action.enum).toEqual([action]);
      expect(Object.keys(schema.properties).sort()).toEqual(
        ['action', 'version', ...fields.map(f => f.replace('?', ''))].sort(),
      );
      expect(schema.required.sort()).toEqual(
        ['action', 'version', ...fields.filter(f => !f.endsWith('?'))].sort(),
      );
      expect(schema.additionalProperties).toBe(false);
      const body = { action, version: 3, ...actionFields[action] };
      expect(contract.matches('ActionRequest', body)).toBe(true);
      expect(contract.matches('ActionRequest', { ...body, actor: 'x' })).toBe(
        false,
      );
    }
  });

  it('describes the edit of a draft as the edit fields and the version', () => {
    const body = operation('patch', '/changes/{id}').requestBody;
    expect(body.content['application/json'].schema).toEqual(ref('ChangeEdit'));
    const edit = schemas.EditActionRequest.properties;
    const { version, ...fields } = schemas.ChangeEdit.properties;
    expect(fields).toEqual(
      Object.fromEntries(
        Object.entries(edit).filter(([k]) => k !== 'action' && k !== 'version'),
      ),
    );
    expect(version).toEqual(edit.version);
    expect(schemas.ChangeEdit.required).not.toContain('type');
  });

  it.each([
    [
      'post',
      '/changes/{id}/actions',
      409,
      [
        'InvalidTransitionError',
        'FreezeError',
        'StaleVersionError',
        'RiskPolicyError',
      ],
    ],
    [
      'patch',
      '/changes/{id}',
      409,
      ['InvalidTransitionError', 'StaleVersionError'],
    ],
    ['post', '/changes', 400, ['InputError']],
    ['get', '/changes', 403, ['NotAllowedError']],
    [
      'post',
      '/changes/{id}/actions',
      403,
      ['NotAllowedError', 'SoleApproverError'],
    ],
  ])('names the refusals of %s %s %s', (method, path, status, names) => {
    const { schema } = operation(method, path).responses[status].content[
      'application/json'
    ];
    const refs = names.map(name => ref(`${name}Response`));
    expect(schema).toEqual(refs.length === 1 ? refs[0] : { anyOf: refs });
    for (const name of names) {
      const body = schemas[`${name}Response`].properties;
      expect(body.error.properties.name.enum).toEqual([name]);
      expect(body.response.properties.statusCode.enum).toEqual([status]);
    }
  });

  it('answers the errors that are not refusals with the Backstage error body', () => {
    const others = Object.entries(ROUTES).flatMap(([path, methods]) =>
      methods.flatMap(method =>
        Object.entries(operation(method, path).responses)
          .filter(([status]) => ['401', '404', '413', '415'].includes(status))
          .map(([status, response]: [string, any]) => [
            `${method} ${path} ${status}`,
            response.content['application/json'].schema,
          ]),
      ),
    );
    expect(others.map(([answer]) => answer)).toEqual(
      expect.arrayContaining(['get /changes/{id} 404', 'post /changes 415']),
    );
    expect(Object.fromEntries(others)).toEqual(
      Object.fromEntries(
        others.map(([answer]) => [answer, ref('ErrorResponse')]),
      ),
    );
  });
});
