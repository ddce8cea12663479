import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { createBedrockContentAnalyzer } from '../adapters/bedrock/bedrock-content-analyzer';
import { layeredAnalysisCache } from '../adapters/bedrock/layered-analysis-cache';
import { createMemoryAnalysisCache } from '../adapters/bedrock/memory-analysis-cache';
import { createAgentRepository } from '../adapters/dynamodb/agent-repository';
import { createDynamoAnalysisCache } from '../adapters/dynamodb/analysis-cache';
import { createDocumentClient } from '../adapters/dynamodb/document-client';
import { createInteractionRepository } from '../adapters/dynamodb/interaction-repository';
import { createLeadRepository } from '../adapters/dynamodb/lead-repository';
import { createScoreRepository } from '../adapters/dynamodb/score-repository';
import { createCrmService } from '../adapters/dynamodb/service';
import type { IntelligenceDeps } from '../domain/intelligence/deps';
import { createLeadScorer } from '../domain/intelligence/lead-scorer';
import type { LeadDeps } from '../domain/leads/deps';
import { heuristicContentAnalyzer } from '../domain/scoring/heuristic-content-analyzer';
import { systemClock } from '../ports/clock';
import type { ContentAnalyzer } from '../ports/content-analyzer';
import type { LeadScorer } from '../ports/lead-scorer';
import { env, tableName } from './env';
import { createIdGenerator } from './ids';
import { logger } from './logger';

let service: ReturnType<typeof createCrmService> | undefined;
let leadDepsCache: LeadDeps | undefined;
let intelligenceCache: IntelligenceDeps | undefined;

/** The table's entities on one document client, created once per container. */
export const crmService = () => {
  const config = env();
  service ??= createCrmService(
    createDocumentClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT }),
    tableName(),
  );
  return service;
};

/** Rescoring after a change; its collaborators are built on first use, so routes that never score pay nothing. */
export const leadScorer = (): LeadScorer => createLeadScorer(intelligenceDeps);

/** The lead use cases' collaborators, built once per container from the function's configuration. */
export const leadDeps = (): LeadDeps => {
  if (leadDepsCache) return leadDepsCache;
  const config = env();
  const crm = crmService();
  leadDepsCache = {
    leads: createLeadRepository(crm),
    interactions: createInteractionRepository(crm),
    agents: createAgentRepository(crm),
    clock: systemClock,
    newId: createIdGenerator(),
    profileDefaults: { timezone: config.DEFAULT_TIMEZONE, defaultCountry: config.DEFAULT_COUNTRY },
    scorer: leadScorer(),
  };
  return leadDepsCache;
};

/**
 * The model reads the lead's words when a Bedrock model id is configured (the stack binds one); the
 * built-in rules answer otherwise, and whenever the model fails, times out or answers badly.
 */
const contentAnalyzer = (): ContentAnalyzer => {
  const config = env();
  if (!config.BEDROCK_MODEL_ID) return heuristicContentAnalyzer;
  return createBedrockContentAnalyzer({
    client: new BedrockRuntimeClient({ region: config.AWS_REGION, maxAttempts: 1 }),
    modelId: config.BEDROCK_MODEL_ID,
    cache: layeredAnalysisCache(
      createMemoryAnalysisCache(),
      createDynamoAnalysisCache(crmService(), systemClock),
    ),
    onError: (error, context) =>
      logger.warn('Content analysis fell back to the rules', {
        stage: context.stage,
        fallbackReason: context.fallbackReason,
        error: error instanceof Error ? error.name : String(error),
      }),
  });
};

/** Scoring's collaborators on top of the lead ones. */
export const intelligenceDeps = (): IntelligenceDeps => {
  if (intelligenceCache) return intelligenceCache;
  intelligenceCache = {
    ...leadDeps(),
    scores: createScoreRepository(crmService()),
    analyzer: contentAnalyzer(),
    fastAnalyzer: heuristicContentAnalyzer,
    typicalLocalBudget: env().TYPICAL_LOCAL_BUDGET,
    onScoringError: (error, leadId) =>
      logger.error('Scoring failed; the lead keeps its previous score', {
        leadId,
        error: error instanceof Error ? error : String(error),
      }),
  };
  return intelligenceCache;
};
