import type { AnalysisCache } from '../../ports/analysis-cache';

/**
 * A near cache (the container's LRU) in front of a far one (the table): reads try near first and
 * copy far hits into it; writes go to both.
 */
export const layeredAnalysisCache = (near: AnalysisCache, far: AnalysisCache): AnalysisCache => ({
  get: async (key) => {
    const hit = await near.get(key);
    if (hit) return hit;
    const farHit = await far.get(key);
    if (farHit) await near.put(key, farHit);
    return farHit;
  },
  put: async (key, analysis) => {
    await Promise.all([near.put(key, analysis), far.put(key, analysis)]);
  },
});
