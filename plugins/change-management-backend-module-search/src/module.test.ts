import { startSearchBackend } from './__testUtils__/searchBackend';

// A test backend with three plugins, on a busy machine.
jest.setTimeout(60_000);

const refundDraft = {
  type: 'standard',
  title: 'Refund the double charges of March',
  description: 'A retry charged some cards twice; this refunds them.',
  risks: 'A wrong list would refund the wrong cards.',
  testingNotes: 'Dry run against the PSP sandbox.',
  affectedEntityRefs: ['component:default/payments-service'],
};

describe('changes in Backstage search', () => {
  let search: Awaited<ReturnType<typeof startSearchBackend>>;
  let alicesChange: { id: string };
  let danasChange: { id: string };

  beforeAll(async () => {
    search = await startSearchBackend();
    alicesChange = await search.as('alice').raise(refundDraft);
    danasChange = await search.as('dana').raise({
      ...refundDraft,
      title: 'Show refund status on the order page',
      description: 'Customers ask where their refund is.',
      affectedEntityRefs: ['component:default/storefront-web'],
    });
    await search.index();
  });

  afterAll(() => search?.stop());

  it('finds a change by a word, with its page, type, state, entities and people', async () => {
    const found = await search.as('alice').search('refund');
    expect(found).toContainEqual({
      title: 'Refund the double charges of March',
      text: 'A retry charged some cards twice; this refunds them.',
      location: `/change-management/changes/${alicesChange.id}`,
      changeType: 'Standard',
      state: 'Draft',
      entities: 'payments-service, Payments Service',
      people: 'alice, Alice Example',
    });
  });

  it('finds a change by the name of a person or an entity', async () => {
    const ids = async (term: string) =>
      (await search.as('alice').search(term)).map(
        (d: { location: string }) => d.location,
      );
    const page = `/change-management/changes/${alicesChange.id}`;
    expect(await ids('Example')).toEqual([page]);
    expect(await ids('payments-service')).toEqual([page]);
  });

  it('never shows an engineer a change the policy keeps from them', async () => {
    // dana (storefront) finds her own refund change, not alice's payments one
    const found = await search.as('dana').search('refund');
    expect(found.map((d: { location: string }) => d.location)).toEqual([
      `/change-management/changes/${danasChange.id}`,
    ]);
  });
});
