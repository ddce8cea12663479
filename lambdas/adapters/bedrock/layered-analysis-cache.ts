import type { AnalysisCache } from '../../ports/analysis-cache';

/**
 * A near cache (the container's LRU) in front of a far one (the table): reads try near first and
 * copy far hits into it; writes go to both.
 */
export const layeredAnalysisCache = (near: AnalysisCache, far: AnalysisCache): AnalysisCache => ({
  get: async (hash) => {
    const hit = await near.get(hash);
    if (hit) return hit;
    const farHit = await far.get(hash);
    if (farHit) await near.put(hash, farHit);
    return farHit;
  },
  put: async (hash, analysis) => {
    await Promise.all([near.put(hash, analysis), far.put(hash, analysis)]);
  },
});
