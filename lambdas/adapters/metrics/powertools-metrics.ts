import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { metricsNamespace, metricsServiceName } from '../../../schemas/metrics';
import type { BusinessMetrics } from '../../ports/business-metrics';

/**
 * Business metrics as CloudWatch embedded-metric log lines, one per count, with the `service` dimension
 * the stack's alarms filter on. A count split by dimensions (a reason, a channel) is published twice in
 * the same line: under `service` alone, the total the alarms watch whatever the reason, and under
 * `service` plus its dimensions. POWERTOOLS_DEV (the local runtime) turns the output off.
 */
export const createPowertoolsMetrics = (
  metrics = new Metrics({ namespace: metricsNamespace, serviceName: metricsServiceName }),
): BusinessMetrics => ({
  count(metric, value = 1, dimensions = {}) {
    const single = metrics.singleMetric();
    if (Object.keys(dimensions).length > 0) {
      // Two dimension sets: the total under `service` alone, then the split.
      single.addDimensions({});
      single.addDimensions(dimensions);
    }
    single.addMetric(metric, MetricUnit.Count, value);
  },
});
