import { ReactNode, useId } from 'react';
import { useTheme } from '@material-ui/core/styles';
import {
  CHANGE_TYPES,
  ChangeType,
  EntityMetrics,
  TYPE_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import { DateTime } from 'luxon';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

// The charts, loaded on demand (React.lazy in ChangeMetrics) so that the
// Changes tab's first chunk does not carry recharts. Each sits in a figure
// whose label says what it shows; its table alternative says the numbers.

const HEIGHT = 240;

/** "7 Sep": the Monday a week starts on. */
const weekTick = (weekStart: string) =>
  DateTime.fromISO(weekStart, { zone: 'utc' }).toFormat('d LLL');

/** The axes, grid and tooltip in the theme's colours, light or dark. */
function useChartStyle() {
  const { palette, typography } = useTheme();
  const tick = { fill: palette.text.secondary, fontSize: 12 };
  return {
    palette,
    axis: { stroke: palette.divider, tick, tickLine: false },
    grid: { stroke: palette.divider, strokeDasharray: '3 3' },
    tooltip: {
      contentStyle: {
        background: palette.background.paper,
        border: `1px solid ${palette.divider}`,
        color: palette.text.primary,
        fontFamily: typography.fontFamily,
      },
      labelFormatter: (week: ReactNode) => `Week of ${week}`,
    },
    legend: { wrapperStyle: { color: palette.text.primary, fontSize: 12 } },
  };
}

/**
 * A type's fill: its colour and, so that colour is not the only tell, a
 * pattern (solid, stripes, dots), which the legend shows too.
 */
const Pattern = (props: { id: string; type: ChangeType; colour: string }) => {
  const { id, type, colour } = props;
  return (
    <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse">
      <rect width="6" height="6" fill={colour} fillOpacity={0.55} />
      {type === 'emergency' && (
        <path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke={colour} />
      )}
      {type === 'infrastructure' && (
        <circle cx="3" cy="3" r="1.6" fill={colour} />
      )}
      {type === 'standard' && <rect width="6" height="6" fill={colour} />}
    </pattern>
  );
};

/** Deployments per week, stacked by type. */
export const DeploymentsChart = (props: {
  perWeek: EntityMetrics['deployments']['perWeek'];
}) => {
  const style = useChartStyle();
  const { palette } = style;
  // An id of this chart's own: two charts on a page keep their patterns.
  const id = useId().replace(/:/g, '');
  const colours: Record<ChangeType, string> = {
    standard: palette.primary.main,
    emergency: palette.error.main,
    infrastructure: palette.warning.main,
  };
  return (
    <div
      role="img"
      aria-label="Deployments per week by type, as stacked bars; the table alternative lists the numbers"
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <BarChart data={props.perWeek} accessibilityLayer={false}>
          <defs>
            {CHANGE_TYPES.map(type => (
              <Pattern
                key={type}
                id={`${id}-${type}`}
                type={type}
                colour={colours[type]}
              />
            ))}
          </defs>
          <CartesianGrid vertical={false} {...style.grid} />
          <XAxis dataKey="weekStart" tickFormatter={weekTick} {...style.axis} />
          <YAxis allowDecimals={false} width={32} {...style.axis} />
          <Tooltip {...style.tooltip} cursor={{ fill: palette.action.hover }} />
          <Legend {...style.legend} />
          {CHANGE_TYPES.map(type => (
            <Bar
              key={type}
              dataKey={type}
              name={TYPE_LABELS[type]}
              stackId="type"
              fill={`url(#${id}-${type})`}
              stroke={colours[type]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
};

/** The change success score per week, as a trend around zero. */
export const ScoreChart = (props: {
  perWeek: EntityMetrics['score']['perWeek'];
}) => {
  const style = useChartStyle();
  const { palette } = style;
  return (
    <div
      role="img"
      aria-label="Change success score per week, as a line; the table alternative lists the numbers"
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart data={props.perWeek} accessibilityLayer={false}>
          <CartesianGrid vertical={false} {...style.grid} />
          <XAxis dataKey="weekStart" tickFormatter={weekTick} {...style.axis} />
          <YAxis allowDecimals={false} width={40} {...style.axis} />
          <ReferenceLine y={0} stroke={palette.text.secondary} />
          <Tooltip {...style.tooltip} />
          <Line
            dataKey="score"
            name="Score"
            stroke={palette.primary.main}
            strokeWidth={2}
            dot={{ r: 3, fill: palette.primary.main }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
};
