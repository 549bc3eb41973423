import { ReactNode } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  Change,
  EntitySummary,
  FreezeStatus,
  STATE_LABELS,
  TYPE_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import { changeRouteRef } from '../../routes';
import { FreezeBanner } from '../FreezeBanner';
import { formatTime } from '../format';

// The darker red: the main one fails WCAG AA contrast at body size.
const useStyles = makeStyles(theme => ({
  overdue: { color: theme.palette.error.dark },
}));

/**
 * An entity by its short name, linked to its page, without a catalog call.
 * It sits in a line of text: underlined, as its colour alone does not tell
 * it apart (axe's link-in-text-block).
 */
const EntityName = ({
  entityRef,
  kind,
}: {
  entityRef: string;
  kind: string;
}) => (
  <EntityRefLink entityRef={entityRef} underline="always">
    {humanizeEntityRef(parseEntityRef(entityRef), { defaultKind: kind })}
  </EntityRefLink>
);

const Section = (props: { title: string; children: ReactNode }) => (
  <Box mt={2}>
    <Typography variant="subtitle2" component="h3">
      {props.title}
    </Typography>
    {props.children}
  </Box>
);

/**
 * The card's content: the freeze, then the three parts of the summary,
 * states and types in words, overdue retrospectives in the theme's error
 * colour and saying "overdue".
 */
export const ChangeDebt = (props: {
  summary: EntitySummary;
  freeze: FreezeStatus;
  /** On a System, each change says through which of its parts it came. */
  systemRef?: string;
}) => {
  const { summary, freeze, systemRef } = props;
  const { inFlight, overdue, lastProductionChange: last } = summary;
  const classes = useStyles();
  const changeLink = useRouteRef(changeRouteRef);
  const title = (c: Change) => (
    <Link to={changeLink({ id: c.id })}>{c.title}</Link>
  );
  const via = (c: Change) => {
    const parts = c.affectedEntityRefs.filter(ref => ref !== systemRef);
    return systemRef && parts.length ? (
      <>
        {' · via '}
        {parts.map((ref, i) => (
          <span key={ref}>
            {i > 0 && ', '}
            <EntityName entityRef={ref} kind="component" />
          </span>
        ))}
      </>
    ) : null;
  };

  const freezeStatus =
    freeze.frozen || freeze.blackouts?.length ? (
      <FreezeBanner status={freeze} />
    ) : (
      <Typography variant="body2">
        No freeze or blackout: production deploys are open.
      </Typography>
    );

  if (inFlight.total === 0 && overdue.total === 0 && !last) {
    return (
      <>
        {freezeStatus}
        <Typography variant="body2" color="textSecondary">
          Nothing in flight, no retrospective owed, and nothing deployed to
          production yet.
        </Typography>
      </>
    );
  }

  return (
    <>
      {freezeStatus}
      <Section title={`In flight (${inFlight.total})`}>
        {inFlight.total === 0 && (
          <Typography variant="body2">Nothing in flight.</Typography>
        )}
        <List disablePadding>
          {inFlight.items.map(c => (
            <ListItem key={c.id} disableGutters>
              <ListItemText
                primary={title(c)}
                secondary={
                  <>
                    {STATE_LABELS[c.state]} · {TYPE_LABELS[c.type]}
                    {via(c)}
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
        {inFlight.total > inFlight.items.length && (
          <Typography variant="body2" color="textSecondary">
            The newest {inFlight.items.length} of {inFlight.total}; the Changes
            tab lists them all.
          </Typography>
        )}
      </Section>
      <Section title={`Overdue retrospectives (${overdue.total})`}>
        {overdue.total === 0 && (
          <Typography variant="body2">No retrospective is overdue.</Typography>
        )}
        <List disablePadding>
          {overdue.items.map(c => (
            <ListItem key={c.id} disableGutters>
              <ListItemText
                primary={title(c)}
                secondary={`Retrospective overdue: it was due ${formatTime(
                  c.retrospectiveDueAt!,
                )}`}
                secondaryTypographyProps={{ className: classes.overdue }}
              />
            </ListItem>
          ))}
        </List>
      </Section>
      <Section title="Last production change">
        {last?.deployed ? (
          <ListItemText
            primary={title(last)}
            secondary={
              <>
                Deployed {formatTime(last.deployed.at)} by{' '}
                <EntityName entityRef={last.deployed.by} kind="user" /> ·{' '}
                {STATE_LABELS[last.state]}
              </>
            }
          />
        ) : (
          <Typography variant="body2">
            Nothing deployed to production yet.
          </Typography>
        )}
      </Section>
    </>
  );
};
