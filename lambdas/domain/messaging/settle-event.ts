import { DomainError, type DomainErrorKind } from '../errors';

/** Refusals about the event itself: retrying the same delivery cannot change them. */
const finalKinds: ReadonlySet<DomainErrorKind> = new Set([
  'validation',
  'not_found',
  'conflict',
  'unprocessable',
]);

/**
 * Runs one webhook event. A refusal about the event itself becomes its outcome, so the rest of the
 * delivery still goes through; anything else (storage, no agent to route to yet) is thrown, so Meta
 * delivers again and the receipts make the repeat harmless.
 */
export const settleEvent = async <K extends string, O extends { kind: K }>(
  kind: K,
  run: () => Promise<O>,
): Promise<O | { kind: K; result: 'rejected'; reason: string }> => {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DomainError && finalKinds.has(error.kind)) {
      return { kind, result: 'rejected', reason: error.name };
    }
    throw error;
  }
};
