import { JsonObject } from '@backstage/types';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  APP_BASE_URL,
  startWithChangeManagement,
  UserName,
  userRef,
} from '../__testUtils__/testBackend';
import { scaffolderModuleChangeManagement } from '../module';

jest.setTimeout(60_000);

/** A complete infrastructure change for the payments database. */
const draft = {
  type: 'infrastructure',
  title: 'Provision the ledger database',
  description: 'A PostgreSQL database for the ledger service.',
  risks: 'None to running services: the database is new.',
  testingNotes: 'Applied the Terraform plan in the sandbox account.',
  affectedEntityRefs: ['resource:default/payments-db'],
};

describe('change-management:raise', () => {
  let backend: Awaited<ReturnType<typeof startWithChangeManagement>>;
  const actions: TemplateAction<any, any, any>[] = [];

  beforeAll(async () => {
    backend = await startWithChangeManagement({
      features: [scaffolderModuleChangeManagement],
      // The scaffolder's extension point, collecting what the module adds.
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          { addActions: (...added: any[]) => actions.push(...added) },
        ],
      ],
    });
  });

  it('is added to the scaffolder by the module', () => {
    expect(actions.map(a => a.id)).toEqual(['change-management:raise']);
  });

  /** Runs the action as a user; resolves to what it output. */
  async function run(user: UserName, input: JsonObject) {
    const outputs: Record<string, unknown> = {};
    // The mock context takes the input; the initiator and the outputs are
    // this test's.
    const ctx = {
      ...createMockActionContext({ input }),
      getInitiatorCredentials: async () => mockCredentials.user(userRef(user)),
      output: (name: string, value: unknown) => {
        outputs[name] = value;
      },
    };
    const [action] = actions;
    const done = action.handler(ctx);
    return { done, outputs };
  }

  const changeOf = async (id: string) => {
    const res = await backend.get(
      'alice',
      `/api/change-management/changes/${id}`,
    );
    expect(res.status).toBe(200);
    return res.body;
  };

  it('raises a draft authored by the user who runs the template', async () => {
    const { done, outputs } = await run('alice', draft);
    await done;

    const id = outputs.changeId as string;
    expect(outputs).toEqual({
      changeId: expect.any(String),
      changeUrl: `${APP_BASE_URL}/change-management/changes/${id}`,
      state: 'draft',
      stateLabel: 'Draft',
    });
    const change = await changeOf(id);
    expect(change).toMatchObject({
      type: 'infrastructure',
      title: 'Provision the ledger database',
      state: 'draft',
      createdBy: userRef('alice'),
      affectedEntityRefs: ['resource:default/payments-db'],
    });
  });

  it('submits it for review when the template asks', async () => {
    const { done, outputs } = await run('alice', { ...draft, submit: true });
    await done;

    expect(outputs).toMatchObject({
      state: 'in_review',
      stateLabel: 'In review',
    });
    const change = await changeOf(outputs.changeId as string);
    expect(change).toMatchObject({
      state: 'in_review',
      createdBy: userRef('alice'),
    });
    const events = await backend.get(
      'alice',
      `/api/change-management/changes/${outputs.changeId}/events`,
    );
    expect(events.body.items.map((e: any) => [e.action, e.actor])).toEqual([
      ['create', userRef('alice')],
      ['submit', userRef('alice')],
    ]);
  });

  it("fails with the server's refusal of an incomplete submission, naming the draft it leaves", async () => {
    const { risks: _, ...incomplete } = draft;
    const { done, outputs } = await run('alice', {
      ...incomplete,
      submit: true,
    });

    await expect(done).rejects.toMatchObject({
      name: 'InputError',
      message: 'Cannot submit yet; missing: risks',
    });
    expect(outputs.state).toBe('draft');
    expect(await changeOf(outputs.changeId as string)).toMatchObject({
      state: 'draft',
      risks: '',
    });
  });

  it("fails with the server's refusal of an entity the catalog does not hold", async () => {
    const { done, outputs } = await run('alice', {
      ...draft,
      affectedEntityRefs: ['resource:default/ledger-db'],
    });

    await expect(done).rejects.toMatchObject({
      name: 'InputError',
      message:
        'Unknown or invisible catalog entities: resource:default/ledger-db',
    });
    expect(outputs).toEqual({});
  });

  it('fails with the policy refusing a user who may not raise a change for the entity', async () => {
    const { done, outputs } = await run('dana', draft);

    await expect(done).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'The permission policy does not let you create changes',
    });
    expect(outputs).toEqual({});
  });
});
