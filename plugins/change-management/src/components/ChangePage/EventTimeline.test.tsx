import { screen } from '@testing-library/react';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { ChangeEvent } from '../../api';
import { EventTimeline } from './EventTimeline';

jest.setTimeout(60_000);

const freezeOverride: ChangeEvent = {
  id: 'e5',
  changeId: 'c1',
  seq: 5,
  action: 'deploy',
  fromState: 'approved',
  toState: 'deployed',
  actor: 'user:default/alice',
  at: '2026-10-05T11:00:00.000Z',
  comment: 'Deployed the hotfix for the checkout timeouts through the pipeline',
  fields: {
    freezeOverride: true,
    freezeWindow: {
      start: '2026-10-01T00:00:00.000Z',
      end: '2027-01-01T00:00:00.000Z',
      timeZone: 'UTC',
    },
  },
  previousHash: '4'.padStart(64, '0'),
  hash: '5'.padStart(64, '0'),
};

describe('EventTimeline', () => {
  it('wraps every line of an event, the freeze-override note included', async () => {
    await renderWithCatalog(
      <EventTimeline events={[freezeOverride]} type="emergency" />,
      {},
    );
    const note = await screen.findByText(
      /^Deployed while production was frozen/,
    );
    const headline = screen.getByText(/^Deployed to production/);
    for (const text of [note, headline]) {
      // Walk up to the list item: nothing on the way may cut the text off.
      for (
        let node: HTMLElement | null = text;
        node && node.tagName !== 'LI';
        node = node.parentElement
      ) {
        const style = window.getComputedStyle(node);
        // The class names say which element failed.
        expect({
          element: node.className,
          whiteSpace: style.whiteSpace,
          textOverflow: style.textOverflow,
        }).toEqual({
          element: node.className,
          whiteSpace: expect.not.stringMatching(/nowrap/),
          textOverflow: expect.not.stringMatching(/ellipsis/),
        });
      }
    }
  });
});
