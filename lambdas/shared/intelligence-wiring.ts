import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { createBedrockContentAnalyzer } from '../adapters/bedrock/bedrock-content-analyzer';
import { layeredAnalysisCache } from '../adapters/bedrock/layered-analysis-cache';
import { createMemoryAnalysisCache } from '../adapters/bedrock/memory-analysis-cache';
import { createModelHealth } from '../adapters/bedrock/model-health';
import { createDynamoAnalysisCache } from '../adapters/dynamodb/analysis-cache';
import { createPowertoolsMetrics } from '../adapters/metrics/powertools-metrics';
import type { IntelligenceDeps } from '../domain/intelligence/deps';
import { createLeadScorer } from '../domain/intelligence/lead-scorer';
import type { LeadDeps } from '../domain/leads/deps';
import { heuristicContentAnalyzer } from '../domain/scoring/heuristic-content-analyzer';
import { systemClock } from '../ports/clock';
import type { ContentAnalyzer } from '../ports/content-analyzer';
import type { LeadScorer } from '../ports/lead-scorer';
import { env } from './env';
import { logger } from './logger';
import { intelligenceDepsWith } from './scoring-wiring';
import { crmService, leadDeps } from './wiring';

// Only routes that declare `bedrock` access import this module: it is what bundles the model client.
let intelligenceCache: IntelligenceDeps | undefined;
let scoringLeadDepsCache: LeadDeps | undefined;

/**
 * The model reads the lead's words when a Bedrock model id is configured (the stack binds one); the
 * built-in rules answer otherwise, and whenever the model fails, times out or answers badly.
 */
const contentAnalyzer = (): ContentAnalyzer => {
  const config = env();
  if (!config.BEDROCK_MODEL_ID) return heuristicContentAnalyzer;
  const health = createModelHealth(createPowertoolsMetrics(), logger);
  return createBedrockContentAnalyzer({
    client: new BedrockRuntimeClient({ region: config.AWS_REGION, maxAttempts: 1 }),
    modelId: config.BEDROCK_MODEL_ID,
    cache: layeredAnalysisCache(
      createMemoryAnalysisCache(),
      createDynamoAnalysisCache(crmService(), systemClock),
    ),
    onAnswer: () => health.answered(),
    onError: (error, context) => {
      if (context.reason) return health.fellBack(context.reason, error, 'content analysis');
      logger.warn('The analysis cache failed; the model was asked instead', {
        error: error instanceof Error ? error.name : String(error),
      });
    },
  });
};

/** Scoring's collaborators with the model reading the lead's words, built once per container. */
export const intelligenceDeps = (): IntelligenceDeps => {
  intelligenceCache ??= intelligenceDepsWith(contentAnalyzer(), leadScorer());
  return intelligenceCache;
};

/** Rescoring after a change; its collaborators are built on first use. */
export const leadScorer = (): LeadScorer => createLeadScorer(intelligenceDeps);

/** The lead use cases' collaborators with rescoring after each change (create, status, profile). */
export const scoringLeadDeps = (): LeadDeps => {
  scoringLeadDepsCache ??= { ...leadDeps(), scorer: leadScorer() };
  return scoringLeadDepsCache;
};
