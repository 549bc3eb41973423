import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { SearchResultListItemExtensions } from '@backstage/plugin-search-react';
import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import { renderInTestApp as renderInLegacyApp } from '@backstage/test-utils';
import { ChangeDocument } from '@trove/backstage-plugin-change-management-common';
import { screen } from '@testing-library/react';
import changeManagementPlugin from '../../alpha';
import { ChangeSearchResultListItem as LegacyChangeSearchResultListItem } from '../../index';
import { ChangeSearchResultListItem } from './ChangeSearchResultListItem';

jest.setTimeout(30_000);

const id = '2b0c6a4e-8d36-4f5e-9a6e-0b7f7f1d2c11';
const result: ChangeDocument = {
  title: 'Refund the double charges of March',
  text: 'A retry charged some cards twice; this refunds them.',
  location: `/change-management/changes/${id}`,
  changeType: 'Standard',
  state: 'Awaiting approval',
  entities: 'payments-service, Payments Service',
  people: 'alice, Alice Example',
  authorization: { resourceRef: id },
};

describe('ChangeSearchResultListItem', () => {
  it("links the change's title to its page, with its description, type and state", async () => {
    await renderInTestApp(<ChangeSearchResultListItem result={result} />);

    expect(
      screen.getByRole('link', { name: 'Refund the double charges of March' }),
    ).toHaveAttribute('href', `/change-management/changes/${id}`);
    expect(screen.getByText(result.text)).toBeInTheDocument();
    expect(screen.getByText('Type: Standard')).toBeInTheDocument();
    expect(screen.getByText('State: Awaiting approval')).toBeInTheDocument();
  });

  it('marks the words the search matched', async () => {
    await renderInTestApp(
      <ChangeSearchResultListItem
        result={result}
        highlight={{
          preTag: '<b>',
          postTag: '</b>',
          fields: { title: '<b>Refund</b> the double charges of March' },
        }}
      />,
    );

    const marked = screen.getByText('Refund');
    expect(marked.tagName).toBe('MARK');
    expect(screen.getByRole('link')).toHaveTextContent(
      'Refund the double charges of March',
    );
  });
});

describe('the search extensions of the new frontend system', () => {
  it('render the results of type change-management with the item above', async () => {
    const item = createExtensionTester(
      changeManagementPlugin.getExtension(
        'search-result-list-item:change-management',
      ),
    ).get(SearchResultListItemBlueprint.dataRefs.item);
    const asResult = (type: string) => ({ type, document: result });
    expect(item.predicate!(asResult('change-management'))).toBe(true);
    expect(item.predicate!(asResult('software-catalog'))).toBe(false);

    await renderInTestApp(<item.component result={result} />);
    // The item loads lazily: seconds on a busy machine.
    expect(
      await screen.findByRole(
        'link',
        { name: 'Refund the double charges of March' },
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
  });

  it('offer "Changes" among the result types', () => {
    const type = createExtensionTester(
      changeManagementPlugin.getExtension(
        'search-filter-result-type:change-management',
      ),
    ).get(SearchFilterResultTypeBlueprint.dataRefs.resultType);
    expect(type).toMatchObject({ value: 'change-management', name: 'Changes' });
  });
});

describe('ChangeSearchResultListItem of the legacy frontend system', () => {
  it("renders a legacy search page's changes, and leaves other results to others", async () => {
    await renderInLegacyApp(
      <SearchResultListItemExtensions
        results={[
          { type: 'change-management', document: result },
          {
            type: 'software-catalog',
            document: {
              title: 'payments-service',
              text: 'Takes payments',
              location: '/catalog/default/component/payments-service',
            },
          },
        ]}
      >
        <LegacyChangeSearchResultListItem />
      </SearchResultListItemExtensions>,
    );

    expect(
      await screen.findByRole(
        'link',
        { name: 'Refund the double charges of March' },
        { timeout: 20_000 },
      ),
    ).toHaveAttribute('href', `/change-management/changes/${id}`);
    // One change, with its chips; the catalog's result in the default item.
    expect(screen.getAllByText(/^Type: /)).toHaveLength(1);
    expect(screen.getByText('payments-service')).toBeInTheDocument();
  });
});
