import {
  type BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';
import * as z from 'zod';
import { type SequenceStep, WHATSAPP_DRAFT_MAX_CHARS } from '../../../schemas/api/sequences';
import type { ModelFallbackReason } from '../../../schemas/model-fallback';
import type { DraftContext } from '../../domain/followups/draft-context';
import { type Draft, draftLanguage } from '../../domain/followups/draft-from-template';
import type { DraftWriter } from '../../ports/draft-writer';
import { converseWithin } from './converse-within';
import {
  buildDraftMessage,
  draftSystemPrompt,
  EMAIL_DRAFT_MAX_CHARS,
  EMAIL_SUBJECT_MAX_CHARS,
} from './draft-prompt';
import { modelFailureReason } from './model-failure';

export interface BedrockDraftWriterOptions {
  /** Create it once per container with `maxAttempts: 1`: this writer does its own bounded retries. */
  client: BedrockRuntimeClient;
  /** A small, fast model or inference profile id, the same one that reads lead messages. */
  modelId: string;
  /** Total time for the model, retries included. Default 4000. */
  timeoutMs?: number;
  /** Retries on throttling or unavailability. Default 2. */
  maxRetries?: number;
  /** First retry waits up to this (full jitter), doubling each time. Default 200. */
  retryBaseDelayMs?: number;
  /** Jitter source, injectable for tests. */
  random?: () => number;
  /** Told each time the model answered with a usable draft. */
  onAnswer?: () => void;
  /** Told why the model gave no usable draft, before the error goes to the caller (which falls back). */
  onFailure?: (reason: ModelFallbackReason, error: unknown) => void;
}

export class InvalidDraftOutputError extends Error {
  override name = 'InvalidDraftOutputError';
}

const whatsappAnswer = z.strictObject({ text: z.string().trim().min(1).max(WHATSAPP_DRAFT_MAX_CHARS) });
const emailAnswer = z.strictObject({
  subject: z.string().trim().min(1).max(EMAIL_SUBJECT_MAX_CHARS),
  text: z.string().trim().min(1).max(EMAIL_DRAFT_MAX_CHARS),
});

/** The answer's one JSON object, read strictly: a refusal, a cut-off, prose or extra keys are errors. */
const readAnswer = (output: ConverseCommandOutput, channel: SequenceStep['channel']) => {
  if (output.stopReason !== 'end_turn' && output.stopReason !== 'stop_sequence') {
    throw new InvalidDraftOutputError(`the model stopped with ${output.stopReason ?? 'no reason'}`);
  }
  const text = (output.output?.message?.content ?? [])
    .map((block) => block.text ?? '')
    .join('')
    .trim();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InvalidDraftOutputError('the answer is not one JSON object');
  }
  const parsed = (channel === 'email' ? emailAnswer : whatsappAnswer).safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.join('.') || 'answer').join(', ');
    throw new InvalidDraftOutputError(`the answer fails the draft shape at ${where}`);
  }
  return parsed.data as { text: string; subject?: string };
};

/**
 * Follow-up drafts written by a Bedrock model through the Converse API: the lead's messages quoted
 * as untrusted data, the language of their last message named, one JSON object asked for and read
 * strictly, a hard time limit with bounded jittered retries. Anything off throws: the caller falls
 * back to the template drafter, and validates whatever it keeps.
 */
export const createBedrockDraftWriter = (options: BedrockDraftWriterOptions): DraftWriter => {
  const limits = {
    timeoutMs: options.timeoutMs ?? 4000,
    maxRetries: options.maxRetries ?? 2,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 200,
    random: options.random ?? Math.random,
  };
  return {
    write: async (step: SequenceStep, context: DraftContext): Promise<Draft> => {
      const language = draftLanguage(context.leadMessages);
      const command = new ConverseCommand({
        modelId: options.modelId,
        system: draftSystemPrompt(step.channel, language),
        messages: [buildDraftMessage(context)],
        inferenceConfig: { maxTokens: step.channel === 'email' ? 600 : 200, temperature: 0.4 },
      });
      let answer: { text: string; subject?: string };
      try {
        answer = await converseWithin(
          options.client,
          command,
          (output) => readAnswer(output, step.channel),
          limits,
        );
      } catch (error) {
        options.onFailure?.(modelFailureReason(error), error);
        throw error;
      }
      options.onAnswer?.();
      return {
        channel: step.channel,
        language,
        text: answer.text,
        ...(step.channel === 'email' && answer.subject ? { subject: answer.subject } : {}),
      };
    },
  };
};
