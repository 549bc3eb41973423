import { renderInTestApp } from '@backstage/test-utils';
import { themes, UnifiedThemeProvider } from '@backstage/theme';
import { getContrastRatio } from '@material-ui/core/styles';
import { screen } from '@testing-library/react';
import { IncidentChip } from './IncidentChip';

jest.setTimeout(60_000);

/** The contrast of the chip's label with the chip, as the page draws it. */
function labelContrast(): number {
  const chip = screen.getByText('Emergency INC-7 · P1').parentElement!;
  const style = window.getComputedStyle(chip);
  return getContrastRatio(style.color, style.backgroundColor);
}

describe('IncidentChip', () => {
  it('reads at WCAG AA contrast (4.5:1) in the light theme', async () => {
    await renderInTestApp(
      <IncidentChip incident={{ ref: 'INC-7', severity: 'P1' }} />,
    );
    expect(labelContrast()).toBeGreaterThanOrEqual(4.5);
  });

  it('reads at WCAG AA contrast (4.5:1) in the dark theme', async () => {
    await renderInTestApp(
      <UnifiedThemeProvider theme={themes.dark}>
        <IncidentChip incident={{ ref: 'INC-7', severity: 'P1' }} />
      </UnifiedThemeProvider>,
    );
    expect(labelContrast()).toBeGreaterThanOrEqual(4.5);
  });
});
