import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  ChangeDeployRecorder,
  changeDeployRecorderExtensionPoint,
} from '@trove/backstage-plugin-change-management-node';
import { changeIn } from '../__testUtils__/changeIn';
import { startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const DEPLOY = {
  deploymentRef: 'https://github.com/acme/payments-service/actions/runs/7',
  commitSha: 'a10867b14bb761a232cd80139fbd4c0d33264240',
};

// Issue 20: a module records the deploys a system reports (the GitHub
// module, for deployment_status) with that system as the actor, on the
// pipeline's terms.
describe('deploys reported through changeDeployRecorderExtensionPoint', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async (allowRecording: boolean) => {
      let deploys: ChangeDeployRecorder | undefined;
      const reporter = createBackendModule({
        pluginId: 'change-management',
        moduleId: 'test-reporter',
        register(reg) {
          reg.registerInit({
            deps: { recorder: changeDeployRecorderExtensionPoint },
            async init({ recorder }) {
              deploys = recorder.deploys;
            },
          });
        },
      });
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        changeManagement: { ci: { allowRecording } },
        extraFeatures: [reporter],
      });
      return { h, deploys: deploys! };
    };

    it('records the deploy with the system as the actor, in the chain', async () => {
      const { h, deploys } = await start(true);
      const ready = await changeIn(h, 'standard', 'ready_for_production');
      await deploys.recordDeploy(ready.id, DEPLOY, 'github-app:123456');
      const { body } = await h.as('alice').get(`/changes/${ready.id}`);
      expect(body.state).toBe('deployed');
      expect(body.deployed).toMatchObject({
        by: 'github-app:123456',
        deploymentRef: DEPLOY.deploymentRef,
      });
      const events = await h.as('alice').get(`/changes/${ready.id}/events`);
      const deploy = events.body.items.find((e: any) => e.action === 'deploy');
      expect(deploy).toMatchObject({
        actor: 'github-app:123456',
        fields: DEPLOY,
      });
      expect((await h.as('oscar').get('/audit/verify')).body).toMatchObject({
        ok: true,
      });
    });

    it('refuses a person or group as the actor, and a decision', async () => {
      const { h, deploys } = await start(true);
      const ready = await changeIn(h, 'standard', 'ready_for_production');
      for (const ref of ['user:default/carol', 'group:default/cto', 'x']) {
        await expect(
          deploys.recordDeploy(ready.id, DEPLOY, ref),
        ).rejects.toThrow(/names its system as <kind>:<name>/);
      }
      const approval = await changeIn(h, 'standard', 'awaiting_approval');
      // A service records a deploy and nothing it would decide: the change
      // awaits the CTO, so there is no deploy to record.
      await expect(
        deploys.recordDeploy(approval.id, DEPLOY, 'github-app:123456'),
      ).rejects.toThrow();
      const { body } = await h.as('alice').get(`/changes/${ready.id}`);
      expect(body.state).toBe('ready_for_production');
    });

    it('records nothing without changeManagement.ci.allowRecording', async () => {
      const { h, deploys } = await start(false);
      const ready = await changeIn(h, 'standard', 'ready_for_production');
      await expect(
        deploys.recordDeploy(ready.id, DEPLOY, 'github-app:123456'),
      ).rejects.toThrow(/ci.allowRecording/);
      const { body } = await h.as('alice').get(`/changes/${ready.id}`);
      expect(body.state).toBe('ready_for_production');
    });
  });
});
