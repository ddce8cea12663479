import type { BusinessMetricName } from '../../schemas/metrics';

/** Counts what operators are alarmed on; published at once, so a failing invocation still reports it. */
export interface BusinessMetrics {
  /** `dimensions` split the count (a channel, a reason): a few fixed values each, never an id. */
  count(metric: BusinessMetricName, value?: number, dimensions?: Record<string, string>): void;
}
