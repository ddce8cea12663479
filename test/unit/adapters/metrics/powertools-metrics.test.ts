import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPowertoolsMetrics } from '../../../../lambdas/adapters/metrics/powertools-metrics';
import { metricsNamespace, metricsServiceName } from '../../../../schemas/metrics';

interface EmfLine {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
  [key: string]: unknown;
}

/** The embedded-metric lines written while `act` runs. */
const emfLinesOf = (act: () => void): EmfLine[] => {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  try {
    act();
  } finally {
    spy.mockRestore();
  }
  return written
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as EmfLine);
};

describe('createPowertoolsMetrics', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('publishes a count at once under the namespace and the service the alarms watch', () => {
    vi.stubEnv('POWERTOOLS_DEV', '');
    const [line, ...more] = emfLinesOf(() => createPowertoolsMetrics().count('LeadgenParked'));

    expect(more).toEqual([]);
    expect(line?._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: metricsNamespace,
      Dimensions: [['service']],
      Metrics: [{ Name: 'LeadgenParked' }],
    });
    expect(line).toMatchObject({ service: metricsServiceName, LeadgenParked: 1 });
  });

  it('publishes a count split by reason under the service alone as well, so an alarm on the total sees every reason', () => {
    vi.stubEnv('POWERTOOLS_DEV', '');
    const [line] = emfLinesOf(() =>
      createPowertoolsMetrics().count('WhatsAppSendRefused', 1, { reason: 'opted_out' }),
    );

    expect(line?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service'], ['service', 'reason']]);
    expect(line).toMatchObject({ service: metricsServiceName, reason: 'opted_out', WhatsAppSendRefused: 1 });
  });
});
