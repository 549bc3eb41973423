import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { FreezeBanner } from './FreezeBanner';

describe('FreezeBanner', () => {
  it('names a blackout of the entity, its System or Domain', async () => {
    await renderInTestApp(
      <FreezeBanner
        status={{
          frozen: false,
          timeZone: 'UTC',
          blackouts: [
            {
              entityRef: 'domain:default/commerce',
              start: '2026-06-10T00:00:00.000Z',
              end: '2026-06-11T06:30:00.000Z',
              reason: 'Payments database migration',
            },
          ],
        }}
      />,
    );
    expect(
      screen.getByText(
        /^Warning: Deployment blackout: Payments database migration$/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /domain:default\/commerce .* from 2026-06-10 00:00 UTC to 2026-06-11 06:30 UTC/,
      ),
    ).toBeInTheDocument();
  });

  it('says nothing when production is open', async () => {
    const { container } = await renderInTestApp(
      <FreezeBanner
        status={{ frozen: false, timeZone: 'UTC', blackouts: [] }}
      />,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
