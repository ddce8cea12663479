import { describe, expect, it } from 'vitest';
import {
  bandOf,
  counterName,
  counterNames,
  responseBucketOf,
} from '../../../../lambdas/domain/analytics/counter-names';
import { leadSources, leadStatuses } from '../../../../schemas/api/leads';

describe('bandOf', () => {
  it('puts a score in its band of twenty, the bounds in the lower band', () => {
    expect(bandOf(1)).toBe('1-20');
    expect(bandOf(20)).toBe('1-20');
    expect(bandOf(21)).toBe('21-40');
    expect(bandOf(40)).toBe('21-40');
    expect(bandOf(41)).toBe('41-60');
    expect(bandOf(60.5)).toBe('61-80');
    expect(bandOf(80)).toBe('61-80');
    expect(bandOf(81)).toBe('81-100');
    expect(bandOf(100)).toBe('81-100');
  });

  it('keeps a score outside 1-100 in the nearest band', () => {
    expect(bandOf(0)).toBe('1-20');
    expect(bandOf(-5)).toBe('1-20');
    expect(bandOf(130)).toBe('81-100');
  });
});

describe('responseBucketOf', () => {
  it('puts a response in the first bucket whose bound it does not pass, past a day in the open one', () => {
    expect(responseBucketOf(0)).toBe('le5m');
    expect(responseBucketOf(5)).toBe('le5m');
    expect(responseBucketOf(5.01)).toBe('le15m');
    expect(responseBucketOf(15)).toBe('le15m');
    expect(responseBucketOf(60)).toBe('le60m');
    expect(responseBucketOf(61)).toBe('le240m');
    expect(responseBucketOf(240)).toBe('le240m');
    expect(responseBucketOf(1_440)).toBe('le1440m');
    expect(responseBucketOf(1_440.5)).toBe('over1440m');
  });
});

describe('counterNames', () => {
  it('names every counter once, in letters, digits and underscores only (they go into update expressions)', () => {
    expect(new Set(counterNames).size).toBe(counterNames.length);
    for (const name of counterNames) expect(name).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('holds every counter the activity consumer writes', () => {
    const written = [
      'leads',
      'fuSent',
      'fuReplied',
      'waSent',
      'waDelivered',
      'waFailed',
      'resp_le5m',
      'resp_over1440m',
      'temp_hot',
      'tempConv_cold',
      'band1to20_closed',
      'band81to100_converted',
      'band41to60_scoreSum',
      ...leadSources.flatMap((s) => [
        counterName.createdBySource(s),
        counterName.convertedBySource(s),
        counterName.messaged('whatsapp', s),
        counterName.replied('email', s),
        counterName.messaged('call', s),
      ]),
      ...leadStatuses.map(counterName.statusEntered),
    ];
    for (const name of written) expect(counterNames).toContain(name);
    // 1 + 10 sources×2 + 3 temperatures×2 + 7 statuses + 3 channels×10 sources×2 + 6 buckets + 5 + 5 bands×3
    expect(counterNames).toHaveLength(1 + 20 + 6 + 7 + 60 + 6 + 5 + 15);
  });
});
