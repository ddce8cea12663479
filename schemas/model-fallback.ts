/**
 * Why the rules answered instead of the Bedrock model, as the `reason` dimension of the `ModelFallback`
 * metric: each names what an operator does about it. Fixed values, so the stack's alarm can add them up.
 */
export const modelFallbackReasons = [
  /** The function's role may not invoke the model in some Region its profile routes to (IAM). */
  'not_authorized',
  /** The account has no access to the model yet: the Marketplace subscription of its first call, or a payment method. */
  'no_model_access',
  /** The model id is unknown, retired (end of life) or Legacy for an account that has not used it lately. */
  'model_unavailable',
  /** The model is only served through an inference profile: configure `us.`, `eu.`, `apac.` or `global.` before its id. */
  'profile_required',
  /** Bedrock kept throttling after the retries the time budget allowed. */
  'throttled',
  /** No answer within the time budget. */
  'timeout',
  /** The model answered, but not in the shape asked for. */
  'invalid_output',
  /** Anything else (unavailable service, network). */
  'error',
] as const;

export type ModelFallbackReason = (typeof modelFallbackReasons)[number];
