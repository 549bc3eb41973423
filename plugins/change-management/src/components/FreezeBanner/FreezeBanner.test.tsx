import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { unreadableAnnotation } from '@trove/backstage-plugin-change-management-common';
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

  it('says an unreadable annotation holds deploys until it is fixed, without dates', async () => {
    await renderInTestApp(
      <FreezeBanner
        status={{
          frozen: false,
          timeZone: 'UTC',
          blackouts: [
            unreadableAnnotation('system:default/payments', ['it is not JSON']),
          ],
        }}
      />,
    );
    expect(
      screen.getByText(
        /^Warning: Deployment blackout: the trove\.io\/change-blackouts annotation of system:default\/payments cannot be read \(it is not JSON\)$/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /^Production deploys to system:default\/payments and everything that is part of it are closed until the annotation is fixed\./,
      ),
    ).toBeInTheDocument();
  });

  it('names the last frozen day and the day production reopens', async () => {
    await renderInTestApp(
      <FreezeBanner
        status={{
          frozen: true,
          timeZone: 'UTC',
          window: {
            start: '2026-10-01T00:00:00.000Z',
            end: '2027-01-01T00:00:00.000Z',
          },
        }}
      />,
    );
    expect(
      screen.getByText(
        /^Warning: Deployment freeze: 2026-10-01 to 2026-12-31 \(UTC\)$/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Production reopens on 2027-01-01\./),
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
