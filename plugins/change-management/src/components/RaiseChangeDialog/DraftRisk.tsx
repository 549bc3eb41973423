import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  ChangeType,
  changeDraftSchema,
  plannedWindowIssues,
  plannedWindowOf,
} from '@trove/backstage-plugin-change-management-common';
import { describeFailure } from '../errors';
import { fromLocalInput } from '../PlannedWindow';
import { RiskChip, RiskReasons } from '../Risk';
import { useRiskPreview } from './useConflicts';

/**
 * The draft's risk as the server would store it on a save (issue 24),
 * asked again as entities, type, window and pull request are picked. The
 * window counts only once the server would take it.
 */
export const DraftRisk = (props: {
  entityRefs: string[];
  type: ChangeType;
  /** The window inputs, as datetime-local values. */
  plannedStart: string;
  plannedEnd: string;
  pullRequestUrl: string;
  /** The draft being edited. */
  excludeId?: string;
}) => {
  const { entityRefs, type, excludeId } = props;
  const candidate = {
    plannedStart: fromLocalInput(props.plannedStart),
    plannedEnd: fromLocalInput(props.plannedEnd),
  };
  const window =
    plannedWindowIssues(candidate).length === 0
      ? plannedWindowOf(candidate)
      : undefined;
  // Sent once the draft's own schema would take it.
  const url = changeDraftSchema.shape.pullRequestUrl.safeParse(
    props.pullRequestUrl || undefined,
  );
  const pullRequestUrl = url.success ? url.data : undefined;
  const answer = useRiskPreview(
    entityRefs.length
      ? { entityRefs, type, ...window, pullRequestUrl, excludeId }
      : undefined,
  );
  const risk = answer.value?.risk;
  return (
    <Box component="section" aria-labelledby="draft-risk-title" mt={3}>
      <Typography id="draft-risk-title" component="h3" variant="subtitle1">
        Risk
      </Typography>
      <Box aria-live="polite">
        {!entityRefs.length && (
          <Typography variant="body2" color="textSecondary">
            Pick the affected entities to see the risk the server assesses.
          </Typography>
        )}
        {answer.error && (
          <Typography variant="body2" color="error">
            {`The risk could not be assessed: ${
              describeFailure(answer.error).message
            }`}
          </Typography>
        )}
        {risk && (
          <>
            <RiskChip risk={risk} />
            <RiskReasons reasons={risk.reasons} />
          </>
        )}
      </Box>
    </Box>
  );
};
