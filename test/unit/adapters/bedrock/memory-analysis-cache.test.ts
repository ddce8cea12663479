import { describe, expect, it } from 'vitest';
import { layeredAnalysisCache } from '../../../../lambdas/adapters/bedrock/layered-analysis-cache';
import { createMemoryAnalysisCache } from '../../../../lambdas/adapters/bedrock/memory-analysis-cache';
import { analyzeContent } from '../../../../lambdas/domain/scoring/heuristic-content-analyzer';

const analysis = analyzeContent({ text: 'Can we view it tomorrow?' });
const a = { leadId: 'lead-1', hash: 'a' };
const b = { leadId: 'lead-1', hash: 'b' };
const c = { leadId: 'lead-1', hash: 'c' };

describe('createMemoryAnalysisCache', () => {
  it('returns what was put and nothing for an unknown hash', async () => {
    const cache = createMemoryAnalysisCache();
    await cache.put(a, analysis);

    expect(await cache.get(a)).toEqual(analysis);
    expect(await cache.get(b)).toBeUndefined();
  });

  it('keeps the same text of two leads apart', async () => {
    const cache = createMemoryAnalysisCache();
    await cache.put(a, analysis);

    expect(await cache.get({ leadId: 'lead-2', hash: 'a' })).toBeUndefined();
  });

  it('drops the least recently used entry when full', async () => {
    const cache = createMemoryAnalysisCache({ maxEntries: 2 });
    await cache.put(a, analysis);
    await cache.put(b, analysis);
    await cache.get(a);
    await cache.put(c, analysis);

    expect(cache.size()).toBe(2);
    expect(await cache.get(a)).toEqual(analysis);
    expect(await cache.get(b)).toBeUndefined();
  });
});

describe('layeredAnalysisCache', () => {
  it('serves a far hit and keeps it near for next time', async () => {
    const near = createMemoryAnalysisCache();
    const far = createMemoryAnalysisCache();
    await far.put(a, analysis);
    const cache = layeredAnalysisCache(near, far);

    expect(await cache.get(a)).toEqual(analysis);
    expect(await near.get(a)).toEqual(analysis);
  });

  it('writes to both layers', async () => {
    const near = createMemoryAnalysisCache();
    const far = createMemoryAnalysisCache();
    await layeredAnalysisCache(near, far).put(a, analysis);

    expect(await near.get(a)).toEqual(analysis);
    expect(await far.get(a)).toEqual(analysis);
  });
});
