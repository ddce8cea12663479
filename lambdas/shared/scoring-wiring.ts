import { createScoreRepository } from '../adapters/dynamodb/score-repository';
import type { IntelligenceDeps } from '../domain/intelligence/deps';
import { createLeadScorer } from '../domain/intelligence/lead-scorer';
import { heuristicContentAnalyzer } from '../domain/scoring/heuristic-content-analyzer';
import type { ContentAnalyzer } from '../ports/content-analyzer';
import type { LeadScorer } from '../ports/lead-scorer';
import { env } from './env';
import { logger } from './logger';
import { crmService, leadDeps } from './wiring';

// No model client here: functions that score only by the rules (webhooks, score history) bundle none
// and need no Bedrock binding. ./intelligence-wiring adds the model for the routes that declare it.
let rulesDepsCache: IntelligenceDeps | undefined;

/** Scoring's collaborators on top of the lead ones, with `analyzer` reading the lead's words. */
export const intelligenceDepsWith = (analyzer: ContentAnalyzer, scorer: LeadScorer): IntelligenceDeps => ({
  ...leadDeps(),
  scorer,
  scores: createScoreRepository(crmService()),
  analyzer,
  fastAnalyzer: heuristicContentAnalyzer,
  typicalLocalBudget: env().TYPICAL_LOCAL_BUDGET,
  onScoringError: (error, leadId) =>
    logger.error('Scoring failed; the lead keeps its previous score', {
      leadId,
      error: error instanceof Error ? error : String(error),
    }),
});

/** Scoring by the built-in rules alone, built once per container. */
export const rulesIntelligenceDeps = (): IntelligenceDeps => {
  rulesDepsCache ??= intelligenceDepsWith(heuristicContentAnalyzer, rulesLeadScorer());
  return rulesDepsCache;
};

/** Rescoring by the rules, for paths that must not wait on a model (a webhook's rescore is always fast). */
export const rulesLeadScorer = (): LeadScorer => createLeadScorer(rulesIntelligenceDeps);
