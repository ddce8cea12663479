import type { ContentAnalysis } from '../../../schemas/scoring';
import type { AnalysisCache } from '../../ports/analysis-cache';
import type { Clock } from '../../ports/clock';
import type { CrmService } from './service';

const KEEP_SECONDS = 30 * 86_400;

/** Content analyses by text hash in the table, expired by TTL after 30 days. */
export const createDynamoAnalysisCache = (service: CrmService, clock: Clock): AnalysisCache => {
  const { analysisCache } = service.entities;
  return {
    async get(hash) {
      const { data } = await analysisCache.get({ hash }).go();
      if (!data || data.expiresAt * 1000 < clock.now().getTime()) return undefined;
      return data.analysis as ContentAnalysis;
    },
    async put(hash, analysis) {
      const now = clock.now();
      await analysisCache
        .put({
          hash,
          analysis,
          createdAt: now.toISOString(),
          expiresAt: Math.floor(now.getTime() / 1000) + KEEP_SECONDS,
        })
        .go();
    },
  };
};
