import type { ModelFallbackReason } from '../../../schemas/model-fallback';
import type { BusinessMetrics } from '../../ports/business-metrics';

/** Where a fallback is logged: the structured logger. */
type WarnLog = { warn(message: string, attributes: Record<string, unknown>): void };

/** What the model adapters report: every answer, and every fallback with its reason. */
export interface ModelHealth {
  answered(): void;
  fellBack(reason: ModelFallbackReason, error: unknown, what: 'content analysis' | 'draft'): void;
}

/**
 * Counts `ModelAnswered` and `ModelFallback` by reason (the stack alarms when the model has not answered
 * for an hour while fallbacks happened) and logs each fallback with its reason, never the lead's words.
 */
export const createModelHealth = (metrics: Pick<BusinessMetrics, 'count'>, logger: WarnLog): ModelHealth => ({
  answered: () => metrics.count('ModelAnswered'),
  fellBack: (reason, error, what) => {
    metrics.count('ModelFallback', 1, { reason });
    logger.warn(`The model gave no ${what}; the rules answered`, {
      reason,
      error: error instanceof Error ? error.name : String(error),
    });
  },
});
