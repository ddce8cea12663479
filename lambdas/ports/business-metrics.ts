import type { BusinessMetricName } from '../../schemas/metrics';

/** Counts what operators are alarmed on; published at once, so a failing invocation still reports it. */
export interface BusinessMetrics {
  count(metric: BusinessMetricName, value?: number): void;
}
