import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  describeResubmission,
  DRAFT_FIELD_LABELS,
  resubmission,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeEvent } from '../../api';
import { formatTime } from '../format';
import { RefLink } from '../RefLink';

/** A draft field's value as text: a list joined, an incident in words. */
function asText(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') {
    const { ref, severity } = value as { ref?: string; severity?: string };
    return `${ref} (${severity})`;
  }
  return String(value);
}

const cell = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

/**
 * For the reviewer and the CTO of a change submitted again: why it was
 * sent back, and each field its author changed since, before and after,
 * read from its events by -common's `resubmission`.
 */
export const ResubmittedBanner = ({ events }: { events: ChangeEvent[] }) => {
  const found = resubmission(events);
  if (!found) return null;
  // Part of the page, not news: a note, not an alert read out on arrival
  // (the toast of the resubmit is that).
  return (
    <Alert severity="info" role="note">
      <AlertTitle>{describeResubmission(found)}</AlertTitle>
      <div>
        {'Sent back by '}
        <RefLink entityRef={found.sentBack.by} />
        {`, ${formatTime(found.sentBack.at)}; submitted again ${formatTime(
          found.resubmitted.at,
        )}`}
      </div>
      {found.changes.length > 0 && (
        <Table size="small" aria-label="What changed since it was sent back">
          <TableHead>
            <TableRow>
              <TableCell>Field</TableCell>
              <TableCell>Before</TableCell>
              <TableCell>After</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {found.changes.map(({ field, before, after }) => (
              <TableRow key={field}>
                <TableCell component="th" scope="row">
                  {DRAFT_FIELD_LABELS[field]}
                </TableCell>
                <TableCell style={cell}>
                  <del>{asText(before)}</del>
                </TableCell>
                <TableCell style={cell}>
                  <ins>{asText(after)}</ins>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Alert>
  );
};
