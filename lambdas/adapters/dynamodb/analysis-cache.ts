import type { ContentAnalysis } from '../../../schemas/scoring';
import type { AnalysisCache } from '../../ports/analysis-cache';
import type { Clock } from '../../ports/clock';
import { checkLeadAlive } from './lead-guard';
import type { CrmService } from './service';

const KEEP_SECONDS = 30 * 86_400;

/**
 * Content analyses in the lead's partition, expired by TTL after 30 days. A write checks the lead is
 * alive in the same transaction, so a scoring that races an erase leaves nothing behind.
 */
export const createDynamoAnalysisCache = (service: CrmService, clock: Clock): AnalysisCache => {
  const { analysisCache } = service.entities;
  return {
    async get({ leadId, hash }) {
      const { data } = await analysisCache.get({ leadId, hash }).go();
      if (!data || data.expiresAt * 1000 < clock.now().getTime()) return undefined;
      return data.analysis as ContentAnalysis;
    },
    async put({ leadId, hash }, analysis) {
      const now = clock.now();
      const item = {
        leadId,
        hash,
        analysis,
        createdAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + KEEP_SECONDS,
      };
      // A lead erased meanwhile simply gets no cache entry: the transaction is cancelled, nothing is kept.
      await service.transaction
        .write(({ lead, analysisCache: cache }) => [checkLeadAlive(lead, leadId), cache.put(item).commit()])
        .go();
    },
  };
};
