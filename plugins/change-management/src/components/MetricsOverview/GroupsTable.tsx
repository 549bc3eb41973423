import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { GroupOverview } from '@trove/backstage-plugin-change-management-common';
import { ScoreCell } from './ScoreCell';

/** Each owning group's change success score, lowest first. */
export const GroupsTable = (props: { rows: GroupOverview[] }) => (
  <TableContainer>
    <Table size="small" aria-label="Owning groups">
      <TableHead>
        <TableRow>
          <TableCell>Owning group</TableCell>
          <TableCell align="right">Change success score</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {[...props.rows]
          .sort((a, b) => a.score.total - b.score.total)
          .map(row => (
            <TableRow key={row.ownerRef}>
              <TableCell component="th" scope="row">
                <EntityRefLink entityRef={row.ownerRef} hideIcon />
              </TableCell>
              <TableCell align="right">
                <ScoreCell score={row.score} />
              </TableCell>
            </TableRow>
          ))}
      </TableBody>
    </Table>
  </TableContainer>
);
