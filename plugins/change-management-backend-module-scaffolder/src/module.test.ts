import { Entity } from '@backstage/catalog-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import {
  APP_BASE_URL,
  startWithChangeManagement,
  UserName,
  userRef,
} from './__testUtils__/testBackend';
import { scaffolderModuleChangeManagement } from './module';

jest.setTimeout(120_000);

/** The sample app's template, as the catalog serves it. */
async function provisionDatabaseTemplate(): Promise<Entity> {
  const file = resolve(
    __dirname,
    '../../../examples/templates/provision-database.yaml',
  );
  const template = parse(await readFile(file, 'utf8'));
  return {
    ...template,
    metadata: { ...template.metadata, namespace: 'default' },
  };
}

const values = {
  name: 'ledger-db',
  system: 'system:default/payments',
  description: 'A PostgreSQL database for the ledger service.',
  risks: 'None to running services: the database is new.',
  testingNotes: 'Applied the Terraform plan in the sandbox account.',
};

describe('the scaffolder with the change-management module', () => {
  let backend: Awaited<ReturnType<typeof startWithChangeManagement>>;

  beforeAll(async () => {
    backend = await startWithChangeManagement({
      features: [scaffolderPlugin, scaffolderModuleChangeManagement],
      entities: [await provisionDatabaseTemplate()],
    });
  });

  /** Runs the sample template as a user, to its end; resolves to the task. */
  async function runTemplate(user: UserName) {
    const created = await backend.post(user, '/api/scaffolder/v2/tasks', {
      templateRef: 'template:default/provision-database',
      values,
    });
    expect(created.status).toBe(201);
    const path = `/api/scaffolder/v2/tasks/${created.body.id}`;
    for (;;) {
      const task = await backend.get(user, path);
      if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
        const { body: events } = await backend.get(user, `${path}/events`);
        const completion = events.find((e: any) => e.type === 'completion');
        return {
          status: task.body.status as string,
          output: completion?.body.output,
          log: events
            .filter((e: any) => e.type === 'log')
            .map((e: any) => e.body.message as string),
        };
      }
      await new Promise(r => setTimeout(r, 100));
    }
  }

  it('raises and submits the infrastructure change of "Provision a database", as its user, and links it', async () => {
    const task = await runTemplate('alice');

    expect(task.status).toBe('completed');
    const [link] = task.output.links;
    expect(link.title).toBe('Infrastructure change');
    const id = link.url.slice(
      `${APP_BASE_URL}/change-management/changes/`.length,
    );
    expect(link.url).toBe(`${APP_BASE_URL}/change-management/changes/${id}`);
    expect(task.output.text[0].content).toBe(
      `The infrastructure change of **ledger-db** is raised: *In review*. [Open the change](${link.url}).`,
    );

    const change = await backend.get(
      'alice',
      `/api/change-management/changes/${id}`,
    );
    expect(change.body).toMatchObject({
      type: 'infrastructure',
      title: 'Provision the ledger-db database',
      state: 'in_review',
      createdBy: userRef('alice'),
      affectedEntityRefs: ['system:default/payments'],
    });
  });

  it("fails the step with the backend's refusal, in the task's log", async () => {
    // dana is in storefront; the policy lets only payments raise for it.
    const task = await runTemplate('dana');

    expect(task.status).toBe('failed');
    expect(task.log).toContainEqual(
      expect.stringContaining(
        'NotAllowedError: The permission policy does not let you create changes',
      ),
    );
    const danas = await backend.get(
      'alice',
      `/api/change-management/changes?author=${encodeURIComponent(
        userRef('dana'),
      )}`,
    );
    expect(danas.status).toBe(200);
    expect(danas.body.items).toEqual([]);
  });
});
