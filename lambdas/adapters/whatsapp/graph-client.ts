import * as z from 'zod';
import {
  ChannelUnavailableError,
  MessagingRejectedError,
  messagingErrorFromMeta,
  RateLimitedError,
  rateLimitCodes,
  transientCodes,
} from '../../domain/messaging/messaging-errors';

/**
 * The most one Graph call may take, retries and their pauses included. A function that calls Graph has at
 * least twice this as its timeout (an infra test holds every one to it), so a call always ends, and its
 * outcome is recorded, before Lambda would stop the function: a client's retry with the same
 * Idempotency-Key then finds that outcome instead of sending the WhatsApp message again.
 */
export const GRAPH_CALL_BUDGET_MS = 5000;

export interface GraphClientOptions {
  /** System-user (WhatsApp) or page access token; sent as a bearer token, never logged. */
  accessToken: string;
  /** Graph API version, e.g. `v25.0` (the function's GRAPH_API_VERSION). */
  apiVersion?: string;
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  /** Injected so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected so tests can pin the jitter; returns [0, 1). */
  random?: () => number;
  /** Per attempt, cut to what is left of the budget. */
  timeoutMs?: number;
  /** The whole call, retries and pauses included; no attempt or pause starts past it. Default {@link GRAPH_CALL_BUDGET_MS}. */
  budgetMs?: number;
  /** Injected so tests control the clock of the budget. */
  now?: () => number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface GraphRequest {
  method: 'GET' | 'POST';
  /** Path after the version, e.g. `/123456/messages`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /**
   * Whether a timed-out attempt is retried. Only for idempotent reads: a timed-out send may already have
   * reached Meta, and the Cloud API has no idempotency key to make a resend safe.
   */
  retryTimeouts: boolean;
}

const graphErrorBody = z.looseObject({
  error: z.looseObject({
    message: z.string().optional(),
    code: z.number().int().optional(),
    error_data: z.looseObject({ details: z.string().optional() }).optional(),
  }),
});

/** Meta prefixes messages with the code, `(#131047) Re-engagement message`; the title is the rest. */
const titleOf = (message: string | undefined) => message?.replace(/^\(#\d+\)\s*/, '');

const retryAfterHeader = (response: Response): number | undefined => {
  const value = response.headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    // A proxy's HTML error page or an empty body: the HTTP status alone then decides.
    return undefined;
  }
};

const isTimeout = (error: unknown) =>
  error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');

type Attempt<T> = { done: true; value: T } | { done: false; failure: Error; retryAfterSeconds?: number };

/** An attempt with less time than this left is not worth starting. */
const MIN_ATTEMPT_MS = 250;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A small Graph API client: bearer auth, a timeout per attempt, and bounded retries with full jitter for
 * throttling (130429, 131056, HTTP 429), Meta's transient codes, 5xx and network failures.
 * Everything else fails at once with the typed messaging error for its Meta code.
 */
export const createGraphClient = (options: GraphClientOptions) => {
  const {
    accessToken,
    apiVersion = 'v25.0',
    baseUrl = 'https://graph.facebook.com',
    fetch: fetchFn = globalThis.fetch,
    sleep = defaultSleep,
    random = Math.random,
    timeoutMs = 4000,
    maxAttempts = 3,
    baseDelayMs = 500,
    maxDelayMs = 4000,
    budgetMs = GRAPH_CALL_BUDGET_MS,
    now = Date.now,
  } = options;

  const urlFor = (request: GraphRequest) => {
    const url = new URL(`${baseUrl.replace(/\/$/, '')}/${apiVersion}${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    return url;
  };

  const attempt = async <T>(
    request: GraphRequest,
    schema: z.ZodType<T>,
    attemptTimeoutMs: number,
  ): Promise<Attempt<T>> => {
    let response: Response;
    try {
      response = await fetchFn(urlFor(request), {
        method: request.method,
        headers: {
          authorization: `Bearer ${accessToken}`,
          ...(request.body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
        signal: AbortSignal.timeout(attemptTimeoutMs),
      });
    } catch (error) {
      if (isTimeout(error) && !request.retryTimeouts)
        throw new ChannelUnavailableError(30, true, { cause: error });
      return { done: false, failure: new ChannelUnavailableError(30, false, { cause: error }) };
    }

    const text = await response.text();
    const json = parseJson(text);
    const retryAfterSeconds = retryAfterHeader(response);

    if (response.ok) {
      const parsed = schema.safeParse(json);
      if (parsed.success) return { done: true, value: parsed.data };
      // Meta accepted the request but the answer is not what the API documents.
      throw new ChannelUnavailableError(30, request.method === 'POST', { cause: parsed.error });
    }

    const error = graphErrorBody.safeParse(json).data?.error;
    const code = error?.code;
    if (response.status === 429 || (code !== undefined && rateLimitCodes.has(code))) {
      const failure = new RateLimitedError(code ?? 130429, retryAfterSeconds ?? (code === 131056 ? 10 : 60));
      return { done: false, failure, ...(retryAfterSeconds !== undefined && { retryAfterSeconds }) };
    }
    if (response.status >= 500 || (code !== undefined && transientCodes.has(code))) {
      const failure = new ChannelUnavailableError(retryAfterSeconds ?? 30);
      return { done: false, failure, ...(retryAfterSeconds !== undefined && { retryAfterSeconds }) };
    }
    if (code === undefined) throw new MessagingRejectedError(response.status, `HTTP ${response.status}`);
    const title = titleOf(error?.message);
    const details = error?.error_data?.details;
    throw messagingErrorFromMeta({
      code,
      ...(title !== undefined && { title }),
      ...(details !== undefined && { details }),
    });
  };

  return {
    /** Sends one request, retrying transient failures; resolves the body parsed by `schema`. */
    async request<T>(request: GraphRequest, schema: z.ZodType<T>): Promise<T> {
      const deadline = now() + budgetMs;
      for (let n = 1; ; n++) {
        const result = await attempt(request, schema, Math.max(1, Math.min(timeoutMs, deadline - now())));
        if (result.done) return result.value;
        if (n >= maxAttempts) throw result.failure;
        // Meta asked for a longer pause than we are willing to hold a request open: hand it to the caller.
        if (result.retryAfterSeconds !== undefined && result.retryAfterSeconds * 1000 > maxDelayMs) {
          throw result.failure;
        }
        const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1));
        const delay = Math.floor(random() * ceiling);
        // No time left in the budget for a pause and a useful attempt: end now, inside the function's timeout.
        if (now() + delay + MIN_ATTEMPT_MS > deadline) throw result.failure;
        await sleep(delay);
      }
    },
  };
};

export type GraphClient = ReturnType<typeof createGraphClient>;
