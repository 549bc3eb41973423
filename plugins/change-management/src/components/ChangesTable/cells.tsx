import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import {
  ChangeListItem,
  RETROSPECTIVE_DUE_HOURS,
  SentBack,
} from '@trove/backstage-plugin-change-management-common';
import { changeRouteRef } from '../../routes';
import { formatTime } from '../format';
import { IncidentChip } from '../IncidentChip';
import { RefLink } from '../RefLink';

/**
 * An entity or user by the name the catalog gives it ("Alice Adams",
 * "payments-service"), linked to it; the full ref shows on hover. Never
 * broken across lines.
 */
export const EntityName = ({ entityRef }: { entityRef: string }) => (
  <span style={{ whiteSpace: 'nowrap' }}>
    <RefLink entityRef={entityRef} />
  </span>
);

/** Several entities by name, wrapping between names only. */
export const EntityNames = ({ refs }: { refs: string[] }) => (
  <Box display="flex" flexWrap="wrap" style={{ columnGap: 8 }}>
    {refs.map(ref => (
      <EntityName key={ref} entityRef={ref} />
    ))}
  </Box>
);

/**
 * Red text that still reads on a table's striped rows: the theme's darker
 * error colour (the main one fails WCAG AA contrast at body size).
 */
const useStyles = makeStyles(theme => ({
  warning: { color: theme.palette.error.dark },
}));

const WarningText = ({ children }: { children: ReactNode }) => {
  const classes = useStyles();
  return (
    <Typography variant="body2" display="block" className={classes.warning}>
      {children}
    </Typography>
  );
};

/** Why a draft came back to its author. */
const SentBackNote = ({ sentBack }: { sentBack: SentBack }) => (
  <WarningText>
    {sentBack.action === 'record-staging'
      ? `Staging failed: ${(sentBack.failedChecks ?? []).join(', ')}`
      : 'Changes requested'}
    {sentBack.comment ? ` — “${sentBack.comment}”` : ''} (
    <EntityName entityRef={sentBack.by} />, {formatTime(sentBack.at)})
  </WarningText>
);

/**
 * The title, linked to the change, over its short id; an emergency's
 * incident and severity; and why a draft was sent back.
 */
export const TitleCell = ({ change }: { change: ChangeListItem }) => {
  const changeLink = useRouteRef(changeRouteRef);
  return (
    <Box minWidth={160}>
      <Link to={changeLink({ id: change.id })}>{change.title}</Link>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 8 }}
      >
        <Typography
          variant="caption"
          color="textSecondary"
          style={{ fontFamily: 'monospace' }}
        >
          #{change.id.slice(0, 8)}
        </Typography>
        {change.incident && <IncidentChip incident={change.incident} />}
      </Box>
      {change.sentBack && <SentBackNote sentBack={change.sentBack} />}
    </Box>
  );
};

/**
 * When an emergency's retrospective is due, named as overdue when it is
 * late. Nothing for the other types.
 */
export const DueCell = ({ change }: { change: ChangeListItem }) => {
  if (change.type !== 'emergency') return null;
  if (change.retrospective) return <>Retrospective documented</>;
  if (!change.retrospectiveDueAt)
    return <>{`${RETROSPECTIVE_DUE_HOURS} h after the deploy`}</>;
  return (
    <>
      <span style={{ whiteSpace: 'nowrap' }}>
        {formatTime(change.retrospectiveDueAt)}
      </span>
      {change.overdue && (
        <WarningText>
          <strong>Retrospective overdue</strong>
        </WarningText>
      )}
    </>
  );
};
