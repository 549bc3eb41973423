import { metrics } from '@opentelemetry/api';
import {
  DataPointType,
  MeterProvider,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import { METER_NAME } from '../service/ChangeManagementMetrics';

/** Collects only when asked, as a Prometheus scrape does. */
class TestMetricReader extends MetricReader {
  protected async onForceFlush() {}
  protected async onShutdown() {}
}

/**
 * Each metric of the plugin's meter that has points, as its points keyed by
 * their attributes (`action=deploy,change_type=standard`, sorted; '' for
 * none) with their value: a sum's or a gauge's value, a histogram's count.
 */
export type Scrape = Record<string, Record<string, number>>;

/**
 * An OpenTelemetry SDK registered as the global meter provider, as
 * packages/backend's instrumentation.js registers one, read in memory.
 * Start it before the backend: instruments made before are no-ops.
 */
export function installTestMeter() {
  const reader = new TestMetricReader();
  const provider = new MeterProvider({ readers: [reader] });
  metrics.setGlobalMeterProvider(provider);

  const scrape = async (): Promise<Scrape> => {
    const { resourceMetrics, errors } = await reader.collect();
    if (errors.length) throw errors[0];
    const scraped: Scrape = {};
    for (const scope of resourceMetrics.scopeMetrics) {
      if (scope.scope.name !== METER_NAME) continue;
      for (const metric of scope.metrics) {
        if (!metric.dataPoints.length) continue;
        const points: Record<string, number> = {};
        for (const point of metric.dataPoints) {
          const key = Object.entries(point.attributes)
            .map(([name, value]) => `${name}=${value}`)
            .sort()
            .join(',');
          points[key] =
            metric.dataPointType === DataPointType.HISTOGRAM
              ? (point.value as { count: number }).count
              : (point.value as number);
        }
        scraped[metric.descriptor.name] = points;
      }
    }
    return scraped;
  };

  const uninstall = async () => {
    metrics.disable();
    await provider.shutdown();
  };

  return { scrape, uninstall };
}
