import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { RiskReason } from '@trove/backstage-plugin-change-management-common';
import { WrappingListItemText } from '../WrappingListItemText';

const points = (n: number) =>
  `${n > 0 ? '+' : ''}${n} point${n === 1 ? '' : 's'}`;

/** The reasons of an assessment in the server's words, highest first. */
export const RiskReasons = ({ reasons }: { reasons: RiskReason[] }) =>
  reasons.length ? (
    <List dense disablePadding aria-label="Why">
      {reasons.map(reason => (
        <ListItem key={`${reason.factor}:${reason.message}`} disableGutters>
          <WrappingListItemText
            primary={reason.message}
            secondary={points(reason.points)}
          />
        </ListItem>
      ))}
    </List>
  ) : (
    <Typography variant="body2">Nothing adds to the risk.</Typography>
  );
