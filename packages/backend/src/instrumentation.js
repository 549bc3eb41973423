/*
 * OpenTelemetry for the backend, as Backstage's "Setup OpenTelemetry"
 * tutorial has it: loaded with `--require` before anything else (by the
 * start script, which `yarn start` reads too, and in production by
 * `node --require ./packages/backend/src/instrumentation.js packages/backend`),
 * so that the meter provider is registered before any plugin makes its
 * instruments. It serves every metric of the backend (the catalog's, the
 * scheduler's, change-management's) for Prometheus, by default at
 * http://localhost:9464/metrics.
 *
 * The standard variables configure it: OTEL_EXPORTER_PROMETHEUS_HOST and
 * OTEL_EXPORTER_PROMETHEUS_PORT move the endpoint, OTEL_SDK_DISABLED=true
 * switches it off.
 */

// Worker threads inherit `--require`: one exporter per process, or the
// second fails to bind the port.
const { isMainThread } = require('node:worker_threads');

if (isMainThread && process.env.OTEL_SDK_DISABLED !== 'true') {
  const { NodeSDK } = require('@opentelemetry/sdk-node');
  const { PrometheusExporter } = require('@opentelemetry/exporter-prometheus');

  const options = {
    host: process.env.OTEL_EXPORTER_PROMETHEUS_HOST,
    port: Number(process.env.OTEL_EXPORTER_PROMETHEUS_PORT) || undefined,
  };
  // A port taken (say by a second backend) leaves the backend running
  // without the endpoint: say so, where the SDK would say nothing.
  const prometheus = new PrometheusExporter(options, error => {
    if (error) {
      console.error(
        `OpenTelemetry: no Prometheus endpoint (${error.message}); set OTEL_EXPORTER_PROMETHEUS_PORT, or OTEL_SDK_DISABLED=true`,
      );
    }
  });
  const sdk = new NodeSDK({
    metricReaders: [prometheus],
    // Metrics only. Without these the SDK would send traces and logs to an
    // OTLP collector on localhost:4318; add a span processor and the
    // auto-instrumentations as the tutorial shows to export traces.
    spanProcessors: [],
    logRecordProcessors: [],
    instrumentations: [],
  });
  sdk.start();
}
