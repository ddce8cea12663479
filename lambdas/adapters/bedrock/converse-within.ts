import type {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';

/** How long a Converse call may take, retries included, and how it retries. */
export interface ConverseLimits {
  /** Total time for the model, retries included. */
  timeoutMs: number;
  /** Retries on throttling or unavailability. */
  maxRetries: number;
  /** First retry waits up to this (full jitter), doubling each time. */
  retryBaseDelayMs: number;
  /** Jitter source, injectable for tests. */
  random: () => number;
}

export class ConverseTimeoutError extends Error {
  override name = 'ConverseTimeoutError';
}

const RETRYABLE = new Set(['ThrottlingException', 'ServiceUnavailableException', 'ModelNotReadyException']);

export const errorName = (error: unknown): string => (error instanceof Error ? error.name : 'UnknownError');

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends with an abort at `ms`, and stops waiting then even if the transport ignores the signal. */
const sendWithin = async (
  client: BedrockRuntimeClient,
  command: ConverseCommand,
  ms: number,
): Promise<ConverseCommandOutput> => {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ConverseTimeoutError(`no answer within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([client.send(command, { abortSignal: controller.signal }), expired]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * One Converse call read by `read` within a hard time limit: throttling and unavailability are retried
 * with full jitter while time is left; any other error, or a `read` that throws, ends it at once.
 */
export const converseWithin = async <T>(
  client: BedrockRuntimeClient,
  command: ConverseCommand,
  read: (output: ConverseCommandOutput) => T,
  limits: ConverseLimits,
): Promise<T> => {
  const deadline = Date.now() + limits.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return read(await sendWithin(client, command, deadline - Date.now()));
    } catch (error) {
      if (!RETRYABLE.has(errorName(error)) || attempt >= limits.maxRetries) throw error;
      const delay = limits.random() * limits.retryBaseDelayMs * 2 ** attempt;
      // No time left for another try: give up now rather than answer late.
      if (Date.now() + delay >= deadline) throw error;
      await sleep(delay);
    }
  }
};
