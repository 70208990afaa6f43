/**
 * The one place a process installs the Temporal SDK runtime. `Runtime.install` may be called once
 * per process and must come before any NativeConnection or Worker is created (those instantiate a
 * default runtime otherwise, after which install throws), so every runtime option — the logger
 * that receives SDK, workflow and activity logs, and the Prometheus exporter of the SDK's own
 * metrics — goes through this single call.
 */
import { type Logger, Runtime, type TelemetryOptions } from '@temporalio/worker';

export interface RuntimeSettings {
  /** Receives the SDK's logs and the workflow/activity context loggers' (default: the SDK's stderr logger). */
  logger?: Logger;
  /** Native (Rust core) log forwarding and filtering, usually together with `logger`. */
  logging?: TelemetryOptions['logging'];
  /** host:port for the SDK's Prometheus exporter (serves /metrics); undefined: no exporter. */
  metricsAddress?: string | undefined;
}

let installed: RuntimeSettings | undefined;

export function installRuntime(settings: RuntimeSettings = {}): Runtime {
  if (installed) throw new Error('Temporal runtime already installed in this process: call installRuntime once, with every option');
  const telemetryOptions: TelemetryOptions = {
    ...(settings.logging ? { logging: settings.logging } : {}),
    ...(settings.metricsAddress
      ? // The SDK's default names and units (milliseconds), which Temporal's SDK dashboards expect.
        { metrics: { prometheus: { bindAddress: settings.metricsAddress } } }
      : {}),
  };
  const runtime = Runtime.install({
    ...(settings.logger ? { logger: settings.logger } : {}),
    ...(Object.keys(telemetryOptions).length > 0 ? { telemetryOptions } : {}),
  });
  installed = settings;
  return runtime;
}
