import { CSSProperties } from 'react';
import teal from '@material-ui/core/colors/teal';
import { alpha, makeStyles, Theme } from '@material-ui/core/styles';
import { ChangeType } from '@trove/backstage-plugin-change-management-common';
import { textOn } from '../readable';
import { ChangeItem } from './calendarItems';

/** The colour of each type's events: filled when deployed, outlined when planned. */
function typeColour(theme: Theme, type: ChangeType): string {
  if (type === 'emergency') return theme.palette.secondary.dark;
  if (type === 'infrastructure') {
    return theme.palette.type === 'dark' ? teal[300] : teal[800];
  }
  return theme.palette.primary.main;
}

/** Hatched, so that a window reads as one without its colour. */
const hatch = (colour: string) =>
  `repeating-linear-gradient(135deg, ${alpha(colour, 0.22)} 0 6px, ${alpha(
    colour,
    0.08,
  )} 6px 12px)`;

/**
 * A change's event in the month and week views: filled with its type's
 * colour and the text that reads on it when deployed, outlined (dashed)
 * when planned. Inline, as readable.ts explains, so that no sheet's rule
 * comes before it; its link inherits the colour.
 */
export function changeEventStyle(
  theme: Theme,
  item: ChangeItem,
): CSSProperties {
  const colour = typeColour(theme, item.change.type);
  return item.kind === 'deployed'
    ? { backgroundColor: colour, borderColor: colour, color: textOn(colour) }
    : {
        backgroundColor: theme.palette.background.paper,
        borderColor: colour,
        borderStyle: 'dashed',
        color: theme.palette.text.primary,
      };
}

// The agenda puts an event's class on its row: the event cell takes the colour.
const typeClass = (theme: Theme, type: ChangeType) => ({
  '& > .rbc-agenda-event-cell': {
    borderLeft: `6px solid ${typeColour(theme, type)}`,
  },
});

/**
 * react-big-calendar's stylesheet, coloured by the Backstage theme, light
 * or dark: its borders, toolbar, today and off-month days; the windows'
 * shading; the changes by type. On a phone the agenda wraps instead of
 * scrolling sideways.
 */
export const useCalendarStyles = makeStyles((theme: Theme) => ({
  root: {
    color: theme.palette.text.primary,
    fontFamily: theme.typography.fontFamily,
    '& .rbc-calendar': { minHeight: 640 },
    '& .rbc-month-view, & .rbc-time-view, & .rbc-agenda-view table.rbc-agenda-table, & .rbc-header, & .rbc-day-bg + .rbc-day-bg, & .rbc-month-row + .rbc-month-row, & .rbc-time-header-content, & .rbc-time-content, & .rbc-time-content > * + * > *, & .rbc-timeslot-group, & .rbc-day-slot .rbc-time-slot, & .rbc-agenda-view table.rbc-agenda-table tbody > tr > td + td, & .rbc-agenda-view table.rbc-agenda-table tbody > tr + tr, & .rbc-agenda-view table.rbc-agenda-table thead > tr > th':
      { borderColor: theme.palette.divider },
    // The days of the months around it: told apart by their background,
    // their numbers as readable as the others.
    '& .rbc-off-range': { color: theme.palette.text.primary },
    '& .rbc-off-range-bg': { backgroundColor: theme.palette.action.hover },
    '& .rbc-today': {
      backgroundColor: alpha(theme.palette.primary.main, 0.12),
    },
    '& .rbc-toolbar button': {
      color: theme.palette.text.primary,
      borderColor: theme.palette.divider,
      fontFamily: theme.typography.fontFamily,
      '&:hover, &:focus': { backgroundColor: theme.palette.action.hover },
      '&:focus-visible': {
        outline: `2px solid ${theme.palette.primary.main}`,
        outlineOffset: 1,
      },
      '&.rbc-active': {
        backgroundColor: theme.palette.action.selected,
        boxShadow: 'none',
        fontWeight: theme.typography.fontWeightBold,
      },
    },
    '& .rbc-toolbar-label': { ...theme.typography.h6 },
    '& .rbc-show-more': {
      color: theme.palette.primary.main,
      backgroundColor: 'transparent',
    },
    '& .rbc-event': { border: '2px solid' },
    '& .rbc-event:focus-within, & .rbc-event:focus, & a:focus-visible': {
      outline: `2px solid ${theme.palette.text.primary}`,
      outlineOffset: 1,
    },
    '& .rbc-agenda-event-cell a': { color: theme.palette.text.primary },
    [theme.breakpoints.down('xs')]: {
      // No fixed height on a phone: the agenda grows with its rows, which
      // rbc's flex layout would otherwise squeeze to nothing.
      '& .rbc-calendar': { minHeight: 0 },
      '& .rbc-agenda-view, & .rbc-agenda-content': {
        flex: 'none',
        overflow: 'visible',
      },
      '& .rbc-toolbar': { flexWrap: 'wrap', gap: theme.spacing(1) },
      '& .rbc-agenda-view table.rbc-agenda-table': { tableLayout: 'fixed' },
      '& .rbc-agenda-date-cell, & .rbc-agenda-time-cell': {
        whiteSpace: 'normal !important',
        width: '28%',
      },
      '& .rbc-agenda-event-cell': { overflowWrap: 'anywhere' },
    },
  },
  // Doubled, to win over rbc's own day backgrounds (today, off-month).
  freezeDay: { '&&': { background: hatch(theme.palette.warning.main) } },
  blackoutDay: { '&&': { background: hatch(theme.palette.error.main) } },
  freeze: {
    '& > .rbc-agenda-event-cell': {
      background: hatch(theme.palette.warning.main),
    },
    '&.rbc-event': {
      background: hatch(theme.palette.warning.main),
      borderColor: theme.palette.warning.dark,
      color: theme.palette.text.primary,
    },
  },
  blackout: {
    '& > .rbc-agenda-event-cell': {
      background: hatch(theme.palette.error.main),
    },
    '&.rbc-event': {
      background: hatch(theme.palette.error.main),
      borderColor: theme.palette.error.dark,
      color: theme.palette.text.primary,
    },
  },
  // Issue 24: a lockdown the CTO declared, shaded as a blackout is.
  lockdown: {
    '& > .rbc-agenda-event-cell': {
      background: hatch(theme.palette.error.main),
    },
    '&.rbc-event': {
      background: hatch(theme.palette.error.main),
      borderColor: theme.palette.error.dark,
      color: theme.palette.text.primary,
    },
  },
  standard: typeClass(theme, 'standard'),
  emergency: typeClass(theme, 'emergency'),
  infrastructure: typeClass(theme, 'infrastructure'),
  // After the types, whose borders it restyles.
  planned: { '& > .rbc-agenda-event-cell': { borderLeftStyle: 'dashed' } },
  deployed: {},
}));
