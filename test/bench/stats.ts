/** Percentile of a sample in milliseconds (nearest-rank). */
export const percentile = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
};

export interface Timing {
  p50: number;
  p95: number;
  p99: number;
}

export const summarise = (samples: number[]): Timing => ({
  p50: round(percentile(samples, 50)),
  p95: round(percentile(samples, 95)),
  p99: round(percentile(samples, 99)),
});

export const round = (value: number, digits = 3) => Number(value.toFixed(digits));

/**
 * Times two operations interleaved (a, b, a, b …) so drift in the machine's load hits both alike.
 */
export const timeInterleaved = async (
  iterations: number,
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  warmup = 50,
): Promise<{ a: number[]; b: number[] }> => {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const result = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < iterations; i++) {
    let started = performance.now();
    await a();
    result.a.push(performance.now() - started);
    started = performance.now();
    await b();
    result.b.push(performance.now() - started);
  }
  return result;
};
