import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  productionClosure,
  unreadableAnnotation,
} from '@trove/backstage-plugin-change-management-common';
import { DeployHeld } from './DeployHeld';
import { RefusalAlert } from './RefusalAlert';

/** The window of an unreadable blackouts annotation, as the server names it. */
const held = productionClosure({
  freezeTimeZone: 'UTC',
  blackouts: [
    unreadableAnnotation('system:default/payments', ['it is not JSON']),
  ],
})!;
const closed =
  'production is blacked out because the trove.io/change-blackouts annotation of system:default/payments cannot be read (it is not JSON)';

describe('DeployHeld, for a deploy held by an unreadable annotation', () => {
  it('says why before the dialog, and when it reopens, without dates', async () => {
    await renderInTestApp(<DeployHeld window={held} />);
    expect(screen.getByText(`Deploy is closed: ${closed}`)).toBeInTheDocument();
    expect(
      screen.getByText(
        /^Production reopens after the annotation is fixed; deploy then\./,
      ),
    ).toBeInTheDocument();
  });
});

describe('RefusalAlert, for a deploy held by an unreadable annotation', () => {
  it('says it as the page does: the annotation, and production reopens once it is fixed', async () => {
    await renderInTestApp(
      <RefusalAlert
        error={{
          body: {
            error: { name: 'FreezeError', message: 'refused', window: held },
          },
        }}
        onReload={() => {}}
      />,
    );
    expect(screen.getByText(`Deploy is closed: ${closed}`)).toBeInTheDocument();
    expect(
      screen.getByText(
        /^Production reopens after the annotation is fixed; deploy then\./,
      ),
    ).toBeInTheDocument();
  });
});
