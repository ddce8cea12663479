import * as z from 'zod';
import {
  ChannelUnavailableError,
  MessagingRejectedError,
  messagingErrorFromMeta,
  RateLimitedError,
  rateLimitCodes,
  transientCodes,
} from '../../domain/messaging/messaging-errors';

export interface GraphClientOptions {
  /** System-user (WhatsApp) or page access token; sent as a bearer token, never logged. */
  accessToken: string;
  /** Graph API version, e.g. `v24.0`. */
  apiVersion?: string;
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  /** Injected so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected so tests can pin the jitter; returns [0, 1). */
  random?: () => number;
  /** Per attempt. */
  timeoutMs?: number;
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

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A small Graph API client: bearer auth, a timeout per attempt, and bounded retries with full jitter for
 * throttling (130429, 131056, HTTP 429), Meta's transient codes, 5xx and network failures.
 * Everything else fails at once with the typed messaging error for its Meta code.
 */
export const createGraphClient = (options: GraphClientOptions) => {
  const {
    accessToken,
    apiVersion = 'v24.0',
    baseUrl = 'https://graph.facebook.com',
    fetch: fetchFn = globalThis.fetch,
    sleep = defaultSleep,
    random = Math.random,
    timeoutMs = 4000,
    maxAttempts = 3,
    baseDelayMs = 500,
    maxDelayMs = 4000,
  } = options;

  const urlFor = (request: GraphRequest) => {
    const url = new URL(`${baseUrl.replace(/\/$/, '')}/${apiVersion}${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    return url;
  };

  const attempt = async <T>(request: GraphRequest, schema: z.ZodType<T>): Promise<Attempt<T>> => {
    let response: Response;
    try {
      response = await fetchFn(urlFor(request), {
        method: request.method,
        headers: {
          authorization: `Bearer ${accessToken}`,
          ...(request.body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
        signal: AbortSignal.timeout(timeoutMs),
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
      for (let n = 1; ; n++) {
        const result = await attempt(request, schema);
        if (result.done) return result.value;
        if (n >= maxAttempts) throw result.failure;
        // Meta asked for a longer pause than we are willing to hold a request open: hand it to the caller.
        if (result.retryAfterSeconds !== undefined && result.retryAfterSeconds * 1000 > maxDelayMs) {
          throw result.failure;
        }
        const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1));
        await sleep(Math.floor(random() * ceiling));
      }
    },
  };
};

export type GraphClient = ReturnType<typeof createGraphClient>;
