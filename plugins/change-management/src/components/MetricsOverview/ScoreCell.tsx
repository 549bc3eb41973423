import Typography from '@material-ui/core/Typography';
import { scoreTrend, Trend } from './scoreTrend';

const ARROWS: Record<Trend, string> = {
  rising: '↑',
  falling: '↓',
  steady: '→',
};

/**
 * A change success score with its trend: an arrow for the eye, its word
 * for screen readers and in the tooltip.
 */
export const ScoreCell = (props: {
  score: { total: number; perWeek: { score: number }[] };
}) => {
  const trend = scoreTrend(props.score.perWeek);
  const words = `${trend}, later weeks against earlier ones`;
  return (
    <>
      {props.score.total}{' '}
      <Typography
        component="span"
        variant="body2"
        color="textSecondary"
        title={words}
      >
        <span aria-hidden="true">{ARROWS[trend]}</span>
      </Typography>
      <Typography component="span" variant="srOnly">
        ({trend})
      </Typography>
    </>
  );
};
