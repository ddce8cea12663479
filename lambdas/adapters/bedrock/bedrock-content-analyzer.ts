import {
  type BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';
import type { ModelFallbackReason } from '../../../schemas/model-fallback';
import {
  type ContentAnalysis,
  type ContentFindings,
  contentFindingsSchema,
  type FallbackReason,
} from '../../../schemas/scoring';
import { heuristicContentAnalyzer } from '../../domain/scoring/heuristic-content-analyzer';
import { withoutDirectedSentences } from '../../domain/scoring/instructions-in-text';
import { ANALYSIS_TEXT_MAX_CHARS, normalizeText, truncateText } from '../../domain/scoring/normalize-text';
import type { AnalysisCache } from '../../ports/analysis-cache';
import type { ContentAnalysisInput, ContentAnalyzer } from '../../ports/content-analyzer';
import { analysisCacheKey } from './analysis-cache-key';
import {
  ANALYSIS_TOOL_NAME,
  analysisToolConfig,
  buildUserMessage,
  fitTokenBudget,
  LEAD_TEXT_TOKEN_BUDGET,
  systemPrompt,
} from './analysis-prompt';
import { converseWithin } from './converse-within';
import { InvalidModelOutputError, modelFailureReason, scoringFallbackReason } from './model-failure';

export interface BedrockContentAnalyzerOptions {
  /** Create it once per container with `maxAttempts: 1`: this analyzer does its own bounded retries. */
  client: BedrockRuntimeClient;
  /** A small, fast model or inference profile id, e.g. `us.anthropic.claude-3-5-haiku-20241022-v1:0`. */
  modelId: string;
  /** Where analyses are kept by text hash; without one every scoring calls the model. */
  cache?: AnalysisCache;
  /** Total time for the model, retries included, before the rules answer instead. Default 3000. */
  timeoutMs?: number;
  /** Retries on throttling or unavailability. Default 2. */
  maxRetries?: number;
  /** First retry waits up to this (full jitter), doubling each time. Default 200. */
  retryBaseDelayMs?: number;
  /** Who answers when the model cannot. Default: the heuristic analyzer. */
  fallback?: ContentAnalyzer;
  /** Jitter source, injectable for tests. */
  random?: () => number;
  /** Told about every failure the analyzer absorbs (for logs and metrics; never given the text). */
  onError?: (
    error: unknown,
    context: { stage: 'model' | 'cache'; fallbackReason?: FallbackReason; reason?: ModelFallbackReason },
  ) => void;
  /** Told each time the model itself answered (a cached answer is not a call). */
  onAnswer?: () => void;
}

/** Model answers get this confidence; the rules' own is lower, and lower still on a fallback. */
const BEDROCK_CONFIDENCE = 0.85;
const FALLBACK_CONFIDENCE_FACTOR = 0.75;

const readFindings = (output: ConverseCommandOutput): ContentFindings => {
  if (output.stopReason === 'max_tokens') throw new InvalidModelOutputError('answer cut off at max tokens');
  const toolUse = output.output?.message?.content?.find(
    (block) => block.toolUse?.name === ANALYSIS_TOOL_NAME,
  )?.toolUse;
  if (!toolUse) throw new InvalidModelOutputError('no tool use in the answer');
  let input: unknown = toolUse.input;
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input);
    } catch {
      throw new InvalidModelOutputError('tool input is not valid JSON');
    }
  }
  const parsed = contentFindingsSchema.safeParse(input);
  if (!parsed.success)
    throw new InvalidModelOutputError(`tool input fails the schema: ${parsed.error.issues.length} issues`);
  const findings = parsed.data;
  const preferences = findings.preferences && {
    ...findings.preferences,
    ...(findings.preferences.area ? { area: normalizeText(findings.preferences.area).slice(0, 80) } : {}),
    ...(findings.preferences.propertyType
      ? { propertyType: normalizeText(findings.preferences.propertyType).slice(0, 40) }
      : {}),
  };
  return {
    ...findings,
    intents: [...new Set(findings.intents)],
    ...(preferences ? { preferences } : {}),
  };
};

/**
 * Content analysis by a Bedrock model through the Converse API: one forced tool call whose input
 * zod validates (values outside the schema's ranges are refused, and the rules answer), the lead's
 * words quoted as untrusted data, without sentences that address a machine, within a token budget, a hard time
 * limit with bounded jittered retries, and a cache by text hash. It never throws: on a timeout,
 * throttling, an invalid answer or any error the heuristic answers, with `provider: 'heuristic'`,
 * the reason, and lower confidence.
 */
export const createBedrockContentAnalyzer = (options: BedrockContentAnalyzerOptions): ContentAnalyzer => {
  const timeoutMs = options.timeoutMs ?? 3000;
  const maxRetries = options.maxRetries ?? 2;
  const baseDelay = options.retryBaseDelayMs ?? 200;
  const fallback = options.fallback ?? heuristicContentAnalyzer;
  const random = options.random ?? Math.random;
  const report = options.onError ?? (() => {});
  const answered = options.onAnswer ?? (() => {});

  const callModel = async (text: string, leadName: string | undefined): Promise<ContentFindings> => {
    const command = new ConverseCommand({
      modelId: options.modelId,
      system: systemPrompt,
      messages: [buildUserMessage(fitTokenBudget(text, LEAD_TEXT_TOKEN_BUDGET), leadName)],
      toolConfig: analysisToolConfig,
      inferenceConfig: { maxTokens: 400, temperature: 0 },
    });
    return converseWithin(options.client, command, readFindings, {
      timeoutMs,
      maxRetries,
      retryBaseDelayMs: baseDelay,
      random,
    });
  };

  const fallBack = async (input: ContentAnalysisInput, reason: FallbackReason): Promise<ContentAnalysis> => {
    const analysis = await fallback.analyze(input);
    return {
      ...analysis,
      provider: 'heuristic',
      fallbackReason: reason,
      confidence: Math.round(analysis.confidence * FALLBACK_CONFIDENCE_FACTOR * 100) / 100,
    };
  };

  return {
    analyze: async ({ text, leadName, leadId }) => {
      // Sentences telling the model what score to give never reach it (nor the cache key).
      const bounded = truncateText(withoutDirectedSentences(normalizeText(text)), ANALYSIS_TEXT_MAX_CHARS);
      const input = { text: bounded, ...(leadName ? { leadName } : {}) };
      // Nothing to read: no model call, nothing to fall back from.
      if (bounded.length === 0) return fallback.analyze(input);

      // Filed under the lead, so its erase removes it; words of no known lead are not cached at all.
      const cache = leadId === undefined ? undefined : options.cache;
      const key = { leadId: leadId ?? '', hash: analysisCacheKey(bounded, leadName) };
      if (cache) {
        try {
          const cached = await cache.get(key);
          if (cached) return cached;
        } catch (error) {
          report(error, { stage: 'cache' });
        }
      }

      let findings: ContentFindings;
      try {
        findings = await callModel(bounded, leadName);
      } catch (error) {
        const reason = modelFailureReason(error);
        const fallbackReason = scoringFallbackReason(reason);
        report(error, { stage: 'model', fallbackReason, reason });
        return fallBack(input, fallbackReason);
      }
      answered();

      const analysis: ContentAnalysis = { ...findings, provider: 'bedrock', confidence: BEDROCK_CONFIDENCE };
      if (cache) {
        try {
          await cache.put(key, analysis);
        } catch (error) {
          report(error, { stage: 'cache' });
        }
      }
      return analysis;
    },
  };
};
