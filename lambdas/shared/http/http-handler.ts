import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod';
import { apiMaxBodyBytes, type RouteDefinition } from '../../../schemas/routes';
import { createPowertoolsMetrics } from '../../adapters/metrics/powertools-metrics';
import type { Actor } from '../../domain/actor';
import { UnavailableError } from '../../domain/errors';
import type { BusinessMetrics } from '../../ports/business-metrics';
import { env } from '../env';
import { logger, withInvocationLogger } from '../logger';
import { actorFromEvent } from './auth';
import { HttpError } from './http-error';
import { idempotencyKeyOf, idempotencyScope, runIdempotently } from './idempotency';
import { describe, issuesFromZod, toProblem } from './problem';

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;
type RequestOf<R extends RouteDefinition> = NonNullable<R['request']>;

export interface HttpRequest<R extends RouteDefinition> {
  params: Infer<RequestOf<R>['params']>;
  query: Infer<RequestOf<R>['query']>;
  body: Infer<RequestOf<R>['body']>;
  actor: R['auth'] extends 'jwt' ? Actor : undefined;
  headers: Record<string, string | undefined>;
  rawBody: string;
  event: APIGatewayProxyEventV2;
}

export interface HttpResult {
  status: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is, instead of `body` (an HTML page); the route sets its content-type. */
  text?: string;
  headers?: Record<string, string>;
}

export type HttpLambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

const parsePart = <S extends z.ZodType | undefined>(schema: S, value: unknown, where: string) => {
  if (!schema) return undefined as Infer<S>;
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = issuesFromZod(result.error);
    throw new HttpError(400, 'Invalid request', `Invalid ${where}: ${describe(issues)}`, issues);
  }
  return result.data as Infer<S>;
};

/** The body within the route's limit, counted in bytes as sent (after base64, which never gets decoded when too long). */
const readBody = (event: APIGatewayProxyEventV2, limit: number): string => {
  if (!event.body) return '';
  const tooLarge = () => new HttpError(413, 'Payload too large', `The body is larger than ${limit} bytes`);
  if (event.isBase64Encoded) {
    if (event.body.length > Math.ceil(limit / 3) * 4) throw tooLarge();
    const bytes = Buffer.from(event.body, 'base64');
    if (bytes.length > limit) throw tooLarge();
    return bytes.toString('utf8');
  }
  if (Buffer.byteLength(event.body, 'utf8') > limit) throw tooLarge();
  return event.body;
};

const parseJson = (raw: string): unknown => {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'Invalid request', 'The body is not valid JSON', [
      { field: 'body', message: 'is not valid JSON' },
    ]);
  }
};

/** A JSON body checked against its schema, failing as a 400 naming the fields, exactly as route bodies do. */
export const parseJsonBody = <S extends z.ZodType>(schema: S, raw: string): z.infer<S> =>
  parsePart(schema, parseJson(raw), 'body') as z.infer<S>;

export interface HttpHandlerOptions {
  /** Where deliberate 503s are counted; Powertools Metrics unless a test passes its own. */
  metrics?: Pick<BusinessMetrics, 'count'>;
}

/**
 * Builds a route's Lambda handler: one middy chain that logs with the request context, checks the
 * body size, parses JSON, validates params/query/body with the route's schemas, identifies the agent,
 * runs the use case and maps any failure to problem+json once. A deliberate 503 (a refusal that names
 * its Retry-After) is counted as `RetryLaterAnswered`, so the 5xx alarm can leave it out.
 */
export const httpHandler = <R extends RouteDefinition>(
  route: R,
  run: (request: HttpRequest<R>) => Promise<HttpResult>,
  options: HttpHandlerOptions = {},
): HttpLambdaHandler => {
  const metrics = options.metrics ?? createPowertoolsMetrics();
  const chain = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({
      onError: (request) => {
        request.response = toProblem(request.error);
        if (request.error instanceof UnavailableError) {
          metrics.count('RetryLaterAnswered', 1, { reason: request.error.name });
        }
      },
    })
    .handler(async (event, context) => {
      const actor = route.auth === 'jwt' ? actorFromEvent(event, env().BROKERAGE_ID) : undefined;
      const rawBody = readBody(event, route.maxBodyBytes ?? apiMaxBodyBytes);
      const request = {
        params: parsePart(route.request?.params, event.pathParameters ?? {}, 'path'),
        query: parsePart(route.request?.query, event.queryStringParameters ?? {}, 'query'),
        body: route.request?.body ? parsePart(route.request.body, parseJson(rawBody), 'body') : undefined,
        actor,
        headers: event.headers ?? {},
        rawBody,
        event,
      } as HttpRequest<R>;
      const key = route.method === 'POST' && actor ? idempotencyKeyOf(request.headers) : undefined;
      const path = event.pathParameters ?? {};
      const result =
        key && actor
          ? await runIdempotently(
              {
                key: idempotencyScope(actor.agentId, route.id, path, key),
                body: rawBody,
                ...(path.leadId ? { leadId: path.leadId } : {}),
              },
              () => run(request),
              context,
            )
          : await run(request);
      if (result.text !== undefined) {
        return { statusCode: result.status, headers: { ...result.headers }, body: result.text };
      }
      return {
        statusCode: result.status,
        headers: {
          ...(result.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...result.headers,
        },
        body: result.body === undefined ? '' : JSON.stringify(result.body),
      };
    });
  return (event, context) => withInvocationLogger(() => chain(event, context));
};

/** The version an If-Match header names (`3`, `"3"` or `W/"3"`), or undefined when absent. */
export const ifMatchVersion = (headers: Record<string, string | undefined>): number | undefined => {
  const raw = headers['if-match'];
  if (raw === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,12})"?$/.exec(raw.trim());
  if (!match?.[1]) {
    throw new HttpError(400, 'Invalid request', 'If-Match must be the version number you read', [
      { field: 'If-Match', message: 'must be a version number' },
    ]);
  }
  return Number(match[1]);
};
