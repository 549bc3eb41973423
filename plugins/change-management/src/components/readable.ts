import { getContrastRatio, Theme, useTheme } from '@material-ui/core/styles';

// WCAG AA asks 4.5:1 of body text. MUI's secondary pink (#f50057) under
// white text gives 4.18:1, and its grey labels on Backstage's grey page
// 4.47:1: what people read here takes its colours from these helpers.
// Inline styles, so that no rule of MUI's sheets can come before them.

/** Black or white, whichever reads better on `background`. */
export function textOn(background: string): string {
  return getContrastRatio(background, '#fff') >=
    getContrastRatio(background, '#000')
    ? '#fff'
    : '#000';
}

/** A filled chip's colours: the theme's dark secondary, and text on it. */
export function urgentChipStyle(theme: Theme) {
  const background = theme.palette.secondary.dark;
  return { backgroundColor: background, color: textOn(background) };
}

/**
 * The secondary colour as text on paper (an outlined chip): its main or its
 * dark shade, whichever reads better there.
 */
export function urgentTextColor(theme: Theme): string {
  const { main, dark } = theme.palette.secondary;
  const paper = theme.palette.background.paper;
  return getContrastRatio(dark, paper) > getContrastRatio(main, paper)
    ? dark
    : main;
}

/**
 * A text field's label above its input, in the text colour rather than
 * MUI's grey.
 */
export function useLabelProps() {
  const theme = useTheme();
  return { shrink: true, style: { color: theme.palette.text.primary } };
}

/**
 * A text field's help below it, on the page's grey: in the text colour
 * rather than MUI's grey, and an error in the error palette's dark shade
 * (its main red reads 3.4:1 there).
 */
export function useHelperTextProps(error?: boolean) {
  const theme = useTheme();
  const { text, error: red } = theme.palette;
  return { style: { color: error ? red.dark : text.primary } };
}
