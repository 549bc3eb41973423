import { actionFields, drafts } from '../__testUtils__/changes';
import { startChangeManagement, UserName } from '../__testUtils__/harness';
import { servedContract } from '../__testUtils__/openApiContract';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

// Every request below goes through the served OpenAPI document: each answer
// must be one the document lists for that route and match its schema, and
// each accepted body must match the documented request. At the end every
// answer the document lists must have been seen, so it promises nothing the
// API does not do.
describe('the API answers as its OpenAPI document says', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('on every route, for every documented answer', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
      });
      const contract = await servedContract(h);
      const api = contract.client(h);
      const create = async (draft: object) =>
        (await api.as('alice').post('/changes', draft)).body.id as string;
      const act = async (
        user: UserName,
        id: string,
        action: string,
        fields: object = actionFields[action],
      ) => {
        const { body } = await api.as(user).get(`/changes/${id}`);
        const path = `/changes/${id}/actions`;
        return api
          .as(user)
          .post(path, { action, version: body.version, ...fields });
      };
      const takeToProduction = async (id: string) => {
        await act('alice', id, 'submit');
        await act('bob', id, 'review');
        await act('carol', id, 'approve');
        await act('alice', id, 'record-staging');
        await act('carol', id, 'sign-off');
      };

      await api.anonymous().get('/health');
      await api.anonymous().get('/ping');
      await api.as('alice').get('/ping');

      // A standard change from draft to completed.
      const standard = await create(drafts.standard);
      await takeToProduction(standard);
      await act('alice', standard, 'deploy');
      await act('alice', standard, 'verify');

      // Failed staging sends an infrastructure change back to draft, where
      // its author edits it.
      const infra = await create(drafts.infrastructure);
      await act('alice', infra, 'submit');
      await act('carol', infra, 'waive-review');
      await act('carol', infra, 'approve');
      await act('bob', infra, 'record-staging', {
        ...actionFields['record-staging'],
        regressionChecked: false,
      });
      const { body: reworked } = await api.as('alice').get(`/changes/${infra}`);
      await api.as('alice').patch(`/changes/${infra}`, {
        ...drafts.infrastructure,
        version: reworked.version,
      });

      // In the freeze a standard deploy is refused; an emergency deploys,
      // and its retrospective comes late.
      const waiting = await create(drafts.standard);
      await takeToProduction(waiting);
      const emergency = await create(drafts.emergency);
      await act('alice', emergency, 'submit');
      await act('carol', emergency, 'approve');
      h.clock.set('2026-10-05T10:00:00.000Z');
      await act('alice', waiting, 'deploy');
      await act('alice', waiting, 'cancel');
      await act('alice', emergency, 'deploy');
      await act('alice', emergency, 'verify');
      h.clock.set('2026-10-08T10:00:00.000Z');
      await api.as('carol').get('/changes?overdue=true&type=emergency');
      await act('alice', emergency, 'document-retrospective');
      await act('carol', emergency, 'complete-review');

      // Reading.
      await api.as('bob').get('/changes?limit=1');
      await api.as('alice').get('/changes?needsActionBy=me&order=due&q=psp');
      await api.as('carol').get('/queues');
      await api
        .as('carol')
        .get('/changes?needsActionBy=me&inFlight=true&state=draft,approved');
      await api.as('oscar').get(`/changes/${emergency}`);
      for (const id of [standard, infra, emergency]) {
        await api.as('oscar').get(`/changes/${id}/events`);
      }
      await api.as('oscar').get(`/changes/${standard}/pull-request`);
      await api
        .as('oscar')
        .post(`/changes/${standard}/pull-request/refresh`, {});
      await api.as('oscar').get('/freeze');
      await api.as('oscar').get('/freeze?at=2026-06-01');
      const range = 'from=2026-01-01&to=2027-01-01';
      await api.as('oscar').get(`/export?${range}`);
      await api.as('oscar').get(`/export?${range}&format=json`);
      await api.as('carol').get('/audit/verify');
      await api.as('carol').get('/audit/checkpoints');
      await api.as('oscar').get('/summary?entityRef=system:default/payments');
      await api
        .as('oscar')
        .get(
          '/entities/facts?entityRefs=system:default/payments,component:default/payments-service',
        );
      await api
        .as('oscar')
        .get(`/metrics?entityRef=system:default/payments&${range}`);
      await api.as('carol').get(`/metrics/overview?${range}`);
      await api.as('carol').get(`/audit/sample?${range}&size=2&seed=contract`);
      await api.as('carol').get(`/audit/sample?${range}&format=zip`);
      await api.as('carol').get(`/audit/exceptions?${range}`);
      await api.as('carol').get(`/audit/evidence/${emergency}`);
      await api.as('carol').get(`/audit/evidence/${emergency}?format=json`);
      await api
        .as('carol')
        .get(`/audit/counts?${range}&entityRef=system:default/payments`);
      await api.as('oscar').get(`/gate?changeId=${standard}`);
      await api
        .as('oscar')
        .get(`/gate?changeId=${emergency}&environment=staging`);
      // The change landscape.
      const service = 'entityRef=component:default/payments-service';
      await api
        .as('oscar')
        .get(
          `/conflicts?${service}&plannedStart=2026-12-31T22:00:00Z&plannedEnd=2027-01-01T02:00:00Z&type=standard`,
        );
      await api
        .as('oscar')
        .get(`/calendar?${range}&entityRef=system:default/payments`);
      await api
        .as('oscar')
        .get(
          `/free-slot?${service}&durationMinutes=60&earliestStart=2026-12-20&type=standard`,
        );
      await api.as('oscar').get(`/risk?${service}&type=infrastructure`);
      // Issue 24: a lockdown declared, listed and lifted, and refused.
      const { body: lockdown } = await api.as('carol').post('/lockdowns', {
        entityRef: 'system:default/storefront',
        reason: 'Contract',
        start: '2026-06-01T00:00:00Z',
      });
      await api
        .as('oscar')
        .get('/lockdowns?active=true&entityRef=system:default/storefront');
      await api.as('carol').post(`/lockdowns/${lockdown.id}/lift`, {});
      await api.as('carol').post(`/lockdowns/${lockdown.id}/lift`, {});
      await api.as('carol').post('/lockdowns/nope/lift', {});
      await api
        .as('carol')
        .post('/lockdowns/00000000-0000-4000-8000-000000000000/lift', {});
      await api.as('carol').post('/lockdowns', { reason: '' });
      await api.as('oscar').get('/lockdowns?active=maybe');

      // Refusals.
      await api.as('oscar').get('/gate?changeId=nope');
      await api.as('alice').post('/changes', { title: 'No type' });
      await api.as('alice').post('/changes', '{"title":', 'application/json');
      await api.as('oscar').get('/changes?limit=abc');
      await api.as('oscar').get('/freeze?at=yesterday');
      await api.as('oscar').get('/summary');
      await api.as('oscar').get('/entities/facts?entityRefs=');
      await api.as('oscar').get('/conflicts?type=standard');
      await api.as('oscar').get(`/risk?${service}&type=nope`);
      await api.as('oscar').get('/calendar?from=2026-02-01&to=2026-01-01');
      await api.as('oscar').get('/free-slot?durationMinutes=0');
      await api.as('oscar').get('/metrics?entityRef=system:default/payments');
      await api.as('oscar').get('/export?from=2026-02-01&to=2026-01-01');
      await api.as('carol').get('/audit/sample?from=2026-02-01&to=2026-01-01');
      await api.as('carol').get('/audit/exceptions?from=2026-01-01');
      await api.as('carol').get('/audit/counts?from=2026-01-01&to=yesterday');
      await api.as('carol').get(`/audit/evidence/${standard}?format=pdf`);
      await api.as('alice').patch(`/changes/${infra}`, {
        ...drafts.infrastructure,
        type: 'standard',
        version: reworked.version + 1,
      });
      await act('alice', infra, 'cancel', {});
      await act('bob', emergency, 'cancel');
      await api.as('alice').patch(`/changes/${standard}`, {
        ...drafts.standard,
        version: 8,
      });
      await api.as('alice').patch(`/changes/${infra}`, {
        ...drafts.infrastructure,
        version: 1,
      });
      await api.as('alice').post(`/changes/${infra}/actions`, {
        action: 'submit',
        version: 1,
      });
      const missing = '/changes/00000000-0000-4000-8000-000000000000';
      await api.as('oscar').get(missing);
      await api.as('oscar').get(`${missing}/events`);
      await api.as('oscar').get(`${missing}/pull-request`);
      await api.as('oscar').post(`${missing}/pull-request/refresh`, {});
      await api.as('carol').get(`/audit/evidence/${missing.split('/')[2]}`);
      await api.as('oscar').get(`/gate?changeId=${missing.split('/')[2]}`);
      await api.as('alice').patch(missing, { ...drafts.standard, version: 1 });
      await api
        .as('alice')
        .post(`${missing}/actions`, { action: 'submit', version: 1 });

      // The refusals every route shares, sent to each route that lists them.
      const tooLarge = {
        ...drafts.standard,
        description: 'x'.repeat(1_100_000),
      };
      for (const answer of contract.documentedAnswers()) {
        const [method, template, status] = answer.split(' ') as [
          'get' | 'post' | 'patch',
          string,
          string,
        ];
        const path =
          template.replace('{id}', standard) +
          ([
            '/export',
            '/audit/sample',
            '/audit/exceptions',
            '/audit/counts',
          ].includes(template)
            ? `?${range}`
            : '') +
          (template === '/gate' ? `?changeId=${standard}` : '');
        if (status === '401') await api.anonymous()[method](path, {});
        if (status === '403') {
          await api.service()[method](path, { action: 'deploy', version: 1 });
        }
        if (status === '413') await api.as('alice')[method](path, tooLarge);
        if (status === '415') {
          await api.as('alice')[method](path, 'title=x', 'text/plain');
        }
      }

      expect(contract.problems).toEqual([]);
      // Pipelines may read a change, the gate, the entity facts and the
      // metrics, so there a 403 is a policy's refusal, which
      // permissions.test.ts, entityFactsRoute.test.ts, metricsRoute.test.ts
      // and metricsOverviewRoute.test.ts drive. (The list refuses a pipeline's token,
      // which this test's service token is.)
      expect(
        [
          ...contract.seen,
          'get /gate 403',
          'get /changes/{id} 403',
          'get /entities/facts 403',
          'get /metrics 403',
          'get /metrics/overview 403',
        ].sort(),
      ).toEqual(contract.documentedAnswers().sort());
    });
  });
});
