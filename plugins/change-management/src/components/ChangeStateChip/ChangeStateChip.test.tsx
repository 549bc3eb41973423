import { renderInTestApp } from '@backstage/test-utils';
import {
  ChangeState,
  STATE_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import { getContrastRatio } from '@material-ui/core/styles';
import { lightTheme } from '@backstage/theme';
import { screen } from '@testing-library/react';
import { ChangeStateChip } from './ChangeStateChip';

/** The chip's colour, as MUI names it in its classes. */
async function colourOf(state: ChangeState) {
  await renderInTestApp(<ChangeStateChip state={state} />);
  const chip = screen.getByText(STATE_LABELS[state]).parentElement!;
  return {
    colour: /MuiChip-color(Primary|Secondary)\b/.exec(chip.className)?.[1],
    outlined: chip.className.includes('MuiChip-outlined'),
  };
}

describe('ChangeStateChip', () => {
  it.each<ChangeState>(['draft', 'in_review', 'deployed', 'verified'])(
    'shows %s as under way',
    async state => {
      expect(await colourOf(state)).toEqual({
        colour: 'Primary',
        outlined: true,
      });
    },
  );

  it('shows a completed change as done', async () => {
    expect(await colourOf('completed')).toEqual({
      colour: undefined,
      outlined: false,
    });
  });

  it.each<ChangeState>(['rejected', 'cancelled', 'rolled_back'])(
    'shows %s as stopped',
    async state => {
      expect(await colourOf(state)).toEqual({
        colour: 'Secondary',
        outlined: true,
      });
    },
  );

  it.each<ChangeState>(['rejected', 'cancelled', 'rolled_back'])(
    'writes %s at WCAG AA contrast (4.5:1) on the page',
    async state => {
      await renderInTestApp(<ChangeStateChip state={state} />);
      const chip = screen.getByText(STATE_LABELS[state]).parentElement!;
      const { color } = window.getComputedStyle(chip);
      expect(
        getContrastRatio(color, lightTheme.palette.background.paper),
      ).toBeGreaterThanOrEqual(4.5);
    },
  );
});
