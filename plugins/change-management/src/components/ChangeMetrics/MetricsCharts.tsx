import { Theme, useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  CHANGE_TYPES,
  ChangeType,
  EntityMetrics,
  TYPE_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import {
  BarElement,
  CategoryScale,
  Chart,
  ChartOptions,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { DateTime } from 'luxon';
import { Bar, Line } from 'react-chartjs-2';

// The charts, loaded on demand (React.lazy in ChangeMetrics), so the
// Changes tab's first chunk does not carry chart.js. chart.js over recharts:
// it bundles less than half the size (README, "Performance"). A chart draws on
// a canvas, in a figure whose label says what it shows; its table
// alternative says the numbers.

// Only the parts these two charts use, so the rest of chart.js is shaken out.
Chart.register(
  CategoryScale,
  LinearScale,
  BarElement,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
);

type Week = { weekStart: string };

/** "7 Sep": the Monday a week starts on. */
const weekTick = (week: Week) =>
  DateTime.fromISO(week.weekStart, { zone: 'utc' }).toFormat('d LLL');

/**
 * A type's fill: its colour and, so that colour is not the only tell, a
 * pattern (solid, stripes, dots), which the legend's boxes show too.
 */
function fillOf(type: ChangeType, colour: string): string | CanvasPattern {
  const tile = document.createElement('canvas');
  tile.width = tile.height = 8;
  const ctx = tile.getContext('2d');
  if (!ctx || type === 'standard') return colour;
  ctx.fillStyle = colour;
  ctx.globalAlpha = 0.45;
  ctx.fillRect(0, 0, 8, 8);
  ctx.globalAlpha = 1;
  if (type === 'emergency') {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(0, 8);
    ctx.lineTo(8, 0);
    ctx.stroke();
  } else {
    ctx.beginPath();
    ctx.arc(4, 4, 2, 0, 2 * Math.PI);
    ctx.fill();
  }
  return ctx.createPattern(tile, 'repeat') ?? colour;
}

/** Axes, legend and tooltip in the theme's colours, light or dark. */
function themed({ palette, typography }: Theme, weeks: Week[]) {
  const font = { family: typography.fontFamily };
  const axis = {
    grid: { color: palette.divider },
    border: { color: palette.divider },
    ticks: { color: palette.text.secondary, font, precision: 0 },
  };
  return {
    x: { ...axis, grid: { display: false } },
    y: axis,
    legend: { labels: { color: palette.text.primary, font } },
    tooltip: {
      backgroundColor: palette.background.paper,
      titleColor: palette.text.primary,
      bodyColor: palette.text.primary,
      borderColor: palette.divider,
      borderWidth: 1,
      callbacks: {
        title: (items: { dataIndex: number }[]) =>
          `Week of ${weeks[items[0].dataIndex].weekStart}`,
      },
    },
  };
}

// Redrawn to the container's width, without animation.
const sized = {
  responsive: true,
  maintainAspectRatio: false,
  animation: false,
} as const;

let canvasSupport: boolean | undefined;

/** Whether this browser draws on a canvas; jsdom, for one, does not. */
function canDraw() {
  canvasSupport ??= Boolean(document.createElement('canvas').getContext('2d'));
  return canvasSupport;
}

/**
 * A chart's box, its width the container's, no wider on a phone; where no
 * canvas can be drawn, a word that the table has the numbers. The chart's
 * canvas is an image (chart.js gives it role="img"), named by its label.
 */
const Figure = (props: { children: JSX.Element }) =>
  canDraw() ? (
    <div style={{ position: 'relative', height: 240, width: '100%' }}>
      {props.children}
    </div>
  ) : (
    <Typography variant="body2" color="textSecondary">
      This browser cannot draw the chart: the table lists its numbers.
    </Typography>
  );

/** Deployments per week, stacked by type. */
export const DeploymentsChart = (props: {
  perWeek: EntityMetrics['deployments']['perWeek'];
}) => {
  const theme = useTheme();
  const { perWeek } = props;
  const colours: Record<ChangeType, string> = {
    standard: theme.palette.primary.main,
    emergency: theme.palette.error.main,
    infrastructure: theme.palette.warning.main,
  };
  const style = themed(theme, perWeek);
  const options: ChartOptions<'bar'> = {
    ...sized,
    scales: {
      x: { ...style.x, stacked: true },
      y: { ...style.y, stacked: true },
    },
    plugins: { legend: style.legend, tooltip: style.tooltip },
  };
  return (
    <Figure>
      <Bar
        aria-label="Deployments per week by type, as stacked bars; the table alternative lists the numbers"
        options={options}
        data={{
          labels: perWeek.map(weekTick),
          datasets: CHANGE_TYPES.map(type => ({
            label: TYPE_LABELS[type],
            data: perWeek.map(week => week[type]),
            backgroundColor: fillOf(type, colours[type]),
            borderColor: colours[type],
            borderWidth: 1,
          })),
        }}
      />
    </Figure>
  );
};

/** The change success score per week, as a trend; zero is marked. */
export const ScoreChart = (props: {
  perWeek: EntityMetrics['score']['perWeek'];
}) => {
  const theme = useTheme();
  const { palette } = theme;
  const { perWeek } = props;
  const style = themed(theme, perWeek);
  const options: ChartOptions<'line'> = {
    ...sized,
    scales: {
      x: style.x,
      // The zero line drawn darker: above it the weeks went well.
      y: {
        ...style.y,
        grid: {
          color: ({ tick }) =>
            tick?.value === 0 ? palette.text.secondary : palette.divider,
        },
      },
    },
    plugins: { legend: { display: false }, tooltip: style.tooltip },
  };
  return (
    <Figure>
      <Line
        aria-label="Change success score per week, as a line; the table alternative lists the numbers"
        options={options}
        data={{
          labels: perWeek.map(weekTick),
          datasets: [
            {
              label: 'Score',
              data: perWeek.map(week => week.score),
              borderColor: palette.primary.main,
              backgroundColor: palette.primary.main,
              pointRadius: 3,
            },
          ],
        }}
      />
    </Figure>
  );
};
