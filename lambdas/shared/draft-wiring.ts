import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { createBedrockDraftWriter } from '../adapters/bedrock/bedrock-draft-writer';
import { createModelHealth } from '../adapters/bedrock/model-health';
import { createPowertoolsMetrics } from '../adapters/metrics/powertools-metrics';
import type { DraftWriter } from '../ports/draft-writer';
import { env } from './env';
import { logger } from './logger';

// Kept apart from the other wiring so that only functions that draft bundle the model client.
let writer: DraftWriter | undefined;

/**
 * The model drafts follow-ups when a Bedrock model id is configured (the stack's Bedrock binding,
 * the same one content analysis reads); without one, as on a laptop, there is no writer and the
 * template drafter writes every message.
 */
export const draftWriter = (): DraftWriter | undefined => {
  const config = env();
  if (!config.BEDROCK_MODEL_ID) return undefined;
  const health = createModelHealth(createPowertoolsMetrics(), logger);
  writer ??= createBedrockDraftWriter({
    client: new BedrockRuntimeClient({ region: config.AWS_REGION, maxAttempts: 1 }),
    modelId: config.BEDROCK_MODEL_ID,
    onAnswer: () => health.answered(),
    onFailure: (reason, error) => health.fellBack(reason, error, 'draft'),
  });
  return writer;
};
