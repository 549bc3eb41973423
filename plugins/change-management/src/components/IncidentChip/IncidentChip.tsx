import Chip from '@material-ui/core/Chip';
import { useTheme } from '@material-ui/core/styles';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import { Change } from '@trove/backstage-plugin-change-management-common';
import { urgentChipStyle } from '../readable';

/**
 * An emergency's incident and its severity, "Emergency INC-7 · P1", in a
 * filled chip whose text reads at 4.5:1 or more.
 */
export const IncidentChip = ({
  incident,
}: {
  incident: NonNullable<Change['incident']>;
}) => {
  const style = urgentChipStyle(useTheme());
  return (
    <Chip
      size="small"
      style={style}
      icon={<ReportProblemIcon style={{ color: style.color }} />}
      label={`Emergency ${incident.ref} · ${incident.severity}`}
    />
  );
};
