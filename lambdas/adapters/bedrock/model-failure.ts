import type { ModelFallbackReason } from '../../../schemas/model-fallback';
import type { FallbackReason } from '../../../schemas/scoring';
import { errorName } from './converse-within';

const TIMED_OUT = new Set(['ConverseTimeoutError', 'AbortError', 'TimeoutError', 'ModelTimeoutException']);
const THROTTLED = new Set(['ThrottlingException', 'ServiceQuotaExceededException']);

/** The model answered, but not in the shape asked for. */
export class InvalidModelOutputError extends Error {
  override name = 'InvalidModelOutputError';
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : '');

/**
 * Why a Converse call failed, read from the error shapes Bedrock returns: the exception name, and for
 * the names that cover several causes, the message AWS documents for each (IAM's "is not authorized to
 * perform", the Marketplace subscription of a model's first call, "end of its life", "marked by provider
 * as Legacy", "on-demand throughput isn't supported").
 */
export const modelFailureReason = (error: unknown): ModelFallbackReason => {
  if (error instanceof InvalidModelOutputError || errorName(error) === 'InvalidDraftOutputError') {
    return 'invalid_output';
  }
  const name = errorName(error);
  const message = messageOf(error);
  if (TIMED_OUT.has(name)) return 'timeout';
  if (THROTTLED.has(name)) return 'throttled';
  if (
    name === 'ValidationException' &&
    /on-demand throughput isn.t supported|inference profile/i.test(message)
  ) {
    return 'profile_required';
  }
  if (name === 'AccessDeniedException') {
    return /is not authorized to perform/i.test(message) && !/marketplace/i.test(message)
      ? 'not_authorized'
      : 'no_model_access';
  }
  if (name === 'ResourceNotFoundException') return 'model_unavailable';
  if (name === 'ValidationException' && /model identifier is invalid|end of its life/i.test(message)) {
    return 'model_unavailable';
  }
  return 'error';
};

/** The coarser reason a score records and the API shows: what the agent can tell from it. */
export const scoringFallbackReason = (reason: ModelFallbackReason): FallbackReason => {
  if (reason === 'timeout' || reason === 'throttled' || reason === 'invalid_output') return reason;
  return 'error';
};
