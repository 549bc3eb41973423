import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { JsonObject } from '@backstage/types';
import {
  CHANGE_ACTIONS,
  CHANGE_STATES,
  changeDraftSchema,
} from '@trove/backstage-plugin-change-management-common';
import { drafts } from '../__testUtils__/changes';
import { Actors } from '../service/Actors';
import { ChangeManagementMetrics } from '../service/ChangeManagementMetrics';
import { ChangeService } from '../service/ChangeService';
import { GateService } from '../service/GateService';
import { registerChangeActions } from '.';

// Each action's input schema, through the mock registry, which validates
// with the registry's own zod as the real one does: what passes reaches the
// service translated, what does not is refused before it. The services are
// mocks here; src/tests/actions.test.ts runs the real ones on a database.

const ID = '5b0c6f1e-2a4d-4c8e-9f3a-1d2e3f4a5b6c';

/** What the services answer here; the registry checks it against the output schemas. */
const view = {
  id: ID,
  type: 'infrastructure',
  state: 'draft',
  version: 1,
  title: 'Rotate',
  description: '',
  risks: '',
  testingNotes: '',
  affectedEntityRefs: ['resource:default/payments-db'],
  affectedSystemRefs: [],
  createdBy: 'user:default/mock',
  createdAt: '2026-06-10T09:00:00.000Z',
  updatedAt: '2026-06-10T09:00:00.000Z',
  exceptions: [],
  overdue: false,
  allowedActions: ['edit', 'submit', 'cancel'],
};
const verdict = {
  allowed: false,
  final: false,
  reasons: ['The change is a draft'],
};
/** GET /changes/:id's answer: the view with its deploy verdict. */
const detail = {
  ...view,
  deployVerdict: verdict,
  conflicts: [],
  riskPolicies: [],
};
const answer = {
  ...verdict,
  change: { id: ID, type: 'infrastructure', state: 'draft', version: 1 },
};

function setUp() {
  const actionsRegistry = actionsRegistryServiceMock();
  const changes = {
    getChange: jest.fn(async () => detail),
    listChanges: jest.fn(async () => ({ items: [] })),
    createChange: jest.fn(async () => view),
  };
  const gate = { check: jest.fn(async () => answer) };
  const auditor = mockServices.auditor.mock();
  const metrics = { recordRefusal: jest.fn() };
  registerChangeActions({
    actionsRegistry,
    actors: new Actors(
      mockServices.auth(),
      mockServices.userInfo(),
      { ctoRefs: [], engineers: { exclude: [], ownersOnly: false } },
      { users: async () => [] },
    ),
    auditor,
    changes: changes as unknown as ChangeService,
    gate: gate as unknown as GateService,
    metrics: metrics as unknown as ChangeManagementMetrics,
  });
  const invoke = (
    name: string,
    input: JsonObject,
    credentials: BackstageCredentials = mockCredentials.user(),
  ) =>
    actionsRegistry.invoke({
      id: `test:${name}`,
      input,
      credentials,
    });
  return { actionsRegistry, invoke, changes, gate, auditor, metrics };
}

/** The actor the default mock user stands for. */
const caller = {
  userEntityRef: mockCredentials.user().principal.userEntityRef,
  isCto: false,
  engineerOf: 'any',
  ownershipEntityRefs: [mockCredentials.user().principal.userEntityRef],
  credentials: mockCredentials.user(),
};

describe('the actions’ input schemas', () => {
  it('get-change takes the id of a change and nothing else', async () => {
    const { invoke, changes } = setUp();
    expect(await invoke('get-change', { id: ID })).toEqual({ output: detail });
    expect(changes.getChange).toHaveBeenCalledWith(ID, caller);
    for (const input of [{}, { id: 'nope' }, { id: ID, state: 'approved' }]) {
      await expect(invoke('get-change', input)).rejects.toMatchObject({
        name: 'InputError',
      });
    }
    expect(changes.getChange).toHaveBeenCalledTimes(1);
  });

  it('list-changes reads JSON filters into the list request', async () => {
    const { invoke, changes } = setUp();
    await invoke('list-changes', {});
    expect(changes.listChanges).toHaveBeenLastCalledWith(
      { limit: 25, states: undefined },
      caller,
    );
    // Every other filter is the list request's own, by the same name.
    const filters = {
      entityRef: 'component:default/payments-service',
      type: 'standard',
      author: 'user:default/alice',
      needsActionByMe: true,
      inFlight: false,
      overdue: true,
      limit: 10,
      cursor: 'abc',
    };
    const states = ['draft', 'in_review'];
    await invoke('list-changes', { ...filters, state: states });
    expect(changes.listChanges).toHaveBeenLastCalledWith(
      { ...filters, states },
      caller,
    );
  });

  it.each([
    [{ state: 'draft' }, /Expected array/],
    [{ state: [] }, /state must name at least one state/],
    [{ state: ['shipped'] }, /Invalid enum value/],
    [{ type: 'minor' }, /Type must be one of/],
    [{ limit: 0 }, /limit must be from 1 to 100/],
    [{ limit: 2.5 }, /limit must be a whole number/],
    [{ inFlight: 'true' }, /Expected boolean/],
    [{ needsActionBy: 'me' }, /Unrecognized key/],
    [{ entityRef: 'a\u0000b' }, /without NUL/],
  ])('list-changes refuses %j', async (input, message) => {
    const { invoke, changes } = setUp();
    await expect(invoke('list-changes', input)).rejects.toMatchObject({
      name: 'InputError',
      cause: { message: expect.stringMatching(message) },
    });
    expect(changes.listChanges).not.toHaveBeenCalled();
  });

  it('check-gate takes a change and an environment, production by default', async () => {
    const { invoke, gate } = setUp();
    expect(await invoke('check-gate', { changeId: ID })).toEqual({
      output: answer,
    });
    expect(gate.check).toHaveBeenLastCalledWith(ID, 'production', caller);
    await invoke('check-gate', { changeId: ID, environment: 'staging' });
    expect(gate.check).toHaveBeenLastCalledWith(ID, 'staging', caller);
    for (const [input, message] of [
      [{}, /Required/],
      [{ changeId: ID, environment: 'dev' }, /'production' or 'staging'/],
      [{ changeId: 'INC-1' }, /id must be the id of a change/],
    ] as const) {
      await expect(invoke('check-gate', input)).rejects.toMatchObject({
        cause: { message: expect.stringMatching(message) },
      });
    }
    expect(gate.check).toHaveBeenCalledTimes(2);
  });

  it('create-change takes the draft fields, with their defaults', async () => {
    const { invoke, changes } = setUp();
    const { description: _d, risks: _r, ...sparse } = drafts.infrastructure;
    await invoke('create-change', { ...sparse, title: '  Rotate  ' });
    expect(changes.createChange).toHaveBeenCalledWith(
      {
        ...sparse,
        title: 'Rotate',
        description: '',
        risks: '',
      },
      caller,
    );
  });

  it.each([
    ['a blank title', { title: ' ' }, /Title is required/],
    ['a wrong type', { type: 'minor' }, /Type must be one of/],
    ['no entities', { affectedEntityRefs: undefined }, /Affected entities/],
    ['a state', { state: 'approved' }, /Unrecognized key/],
    ['an author', { createdBy: 'user:default/carol' }, /Unrecognized key/],
    ['a non-http PR URL', { pullRequestUrl: 'ftp://x/1' }, /http/],
  ])('create-change refuses %s', async (_, fields, message) => {
    const { invoke, changes } = setUp();
    await expect(
      invoke('create-change', { ...drafts.standard, ...fields } as JsonObject),
    ).rejects.toMatchObject({
      name: 'InputError',
      cause: { message: expect.stringMatching(message) },
    });
    expect(changes.createChange).not.toHaveBeenCalled();
  });
});

describe('what the registry tells agents', () => {
  it('describes the inputs and outputs from the shared schemas', async () => {
    const { actions } = await setUp().actionsRegistry.list();
    const schemaOf = (name: string) =>
      actions.find(a => a.name === name)!.schema as any;
    const create = schemaOf('create-change');
    expect(Object.keys(create.input.properties)).toEqual(
      Object.keys(changeDraftSchema.shape),
    );
    expect(create.input.required).toEqual([
      'type',
      'title',
      'affectedEntityRefs',
    ]);
    expect(create.input.additionalProperties).toBe(false);
    expect(create.output.properties.allowedActions.items.enum).toEqual(
      CHANGE_ACTIONS,
    );
    expect(schemaOf('list-changes').input.properties.state.items.enum).toEqual(
      CHANGE_STATES,
    );
    expect(schemaOf('check-gate').input).toMatchObject({
      required: ['changeId'],
      properties: {
        environment: { enum: ['production', 'staging'], default: 'production' },
      },
    });
    expect(schemaOf('get-change').input.required).toEqual(['id']);
  });
});

describe('who an action runs as', () => {
  const pipeline = mockCredentials.service('external:ci');

  it('lets a pipeline read a change and the gate, as itself', async () => {
    const { invoke, changes, gate } = setUp();
    const actor = {
      userEntityRef: 'external:ci',
      isCto: false,
      engineerOf: 'any',
      ownershipEntityRefs: [],
      credentials: pipeline,
      isService: true,
    };
    await invoke('get-change', { id: ID }, pipeline);
    expect(changes.getChange).toHaveBeenCalledWith(ID, actor);
    await invoke('check-gate', { changeId: ID }, pipeline);
    expect(gate.check).toHaveBeenCalledWith(ID, 'production', actor);
  });

  it('lets only a signed-in user list changes or raise one', async () => {
    const { invoke, changes, auditor, metrics } = setUp();
    await expect(invoke('list-changes', {}, pipeline)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    await expect(
      invoke('create-change', drafts.standard, pipeline),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(changes.listChanges).not.toHaveBeenCalled();
    expect(changes.createChange).not.toHaveBeenCalled();
    // The refused create is audited as a failure, as over HTTP.
    const event = await auditor.createEvent.mock.results[0].value;
    expect(event.fail).toHaveBeenCalled();
    expect(event.success).not.toHaveBeenCalled();
    // and counted as a refusal, as over HTTP
    expect(metrics.recordRefusal).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'NotAllowedError' }),
    );
  });
});
