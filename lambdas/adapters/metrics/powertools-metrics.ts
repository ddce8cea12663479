import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { metricsNamespace, metricsServiceName } from '../../../schemas/metrics';
import type { BusinessMetrics } from '../../ports/business-metrics';

/**
 * Business metrics as CloudWatch embedded-metric log lines, one per count, with the `service` dimension
 * the stack's alarms filter on. POWERTOOLS_DEV (the local runtime) turns the output off.
 */
export const createPowertoolsMetrics = (): BusinessMetrics => {
  const metrics = new Metrics({ namespace: metricsNamespace, serviceName: metricsServiceName });
  return {
    count(metric, value = 1, dimensions = {}) {
      const single = metrics.singleMetric();
      for (const [name, dimension] of Object.entries(dimensions)) single.addDimension(name, dimension);
      single.addMetric(metric, MetricUnit.Count, value);
    },
  };
};
