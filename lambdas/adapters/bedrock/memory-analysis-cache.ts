import type { ContentAnalysis } from '../../../schemas/scoring';
import type { AnalysisCache, AnalysisCacheKey } from '../../ports/analysis-cache';

const entryKey = ({ leadId, hash }: AnalysisCacheKey) => `${leadId}\n${hash}`;

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
    get: async (key) => {
      const hit = entries.get(entryKey(key));
      if (hit === undefined) return undefined;
      entries.delete(entryKey(key));
      entries.set(entryKey(key), hit);
      return hit;
    },
    put: async (key, analysis) => {
      entries.delete(entryKey(key));
      entries.set(entryKey(key), analysis);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    size: () => entries.size,
  };
};
