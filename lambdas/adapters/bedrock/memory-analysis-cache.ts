import type { ContentAnalysis } from '../../../schemas/scoring';
import type { AnalysisCache } from '../../ports/analysis-cache';

/**
 * An in-process LRU cache of analyses: for tests, local runs and as a first level inside a warm
 * Lambda container (a Map keeps insertion order, so the first key is the least recently used).
 */
export const createMemoryAnalysisCache = (
  options: { maxEntries?: number } = {},
): AnalysisCache & { size(): number } => {
  const maxEntries = Math.max(1, options.maxEntries ?? 500);
  const entries = new Map<string, ContentAnalysis>();
  return {
    get: async (hash) => {
      const hit = entries.get(hash);
      if (hit === undefined) return undefined;
      entries.delete(hash);
      entries.set(hash, hit);
      return hit;
    },
    put: async (hash, analysis) => {
      entries.delete(hash);
      entries.set(hash, analysis);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    size: () => entries.size,
  };
};
