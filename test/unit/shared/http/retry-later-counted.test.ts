import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NoAgentToRouteError } from '../../../../lambdas/domain/leads/route-new-lead';
import { WhatsAppNotConfiguredError } from '../../../../lambdas/domain/messaging/send-refusals';
import { httpHandler } from '../../../../lambdas/shared/http/http-handler';
import { logger } from '../../../../lambdas/shared/logger';
import type { RouteDefinition } from '../../../../schemas/routes';

const pingRoute = {
  id: 'ping',
  method: 'GET',
  path: '/ping',
  auth: 'public',
  handler: 'test/fake-route.ts',
  summary: 'Ping',
  tags: ['test'],
  access: {},
  responses: { 204: null },
} as const satisfies RouteDefinition;

const event = {
  version: '2.0',
  routeKey: 'GET /ping',
  rawPath: '/ping',
  rawQueryString: '',
  headers: { host: 'api.example.com' },
  requestContext: {
    requestId: 'JKJaXmPLvHcESHB=',
    routeKey: 'GET /ping',
    http: { method: 'GET', path: '/ping' },
  },
  isBase64Encoded: false,
} as unknown as APIGatewayProxyEventV2;

const context = {
  functionName: 'crm-ping',
  awsRequestId: '9f1c6f4e-3c55-4a43-9b8e-2f6a0d0c1a12',
  getRemainingTimeInMillis: () => 3000,
} as Context;

/** A handler whose use case fails with `error`, and the counts its shell made. */
const failingWith = (error: Error) => {
  const counted: { metric: string; dimensions?: Record<string, string> }[] = [];
  const handler = httpHandler(
    pingRoute,
    async () => {
      throw error;
    },
    {
      metrics: {
        count: (metric, _value, dimensions) => counted.push({ metric, ...(dimensions && { dimensions }) }),
      },
    },
  );
  return { handler, counted };
};

describe('httpHandler counting deliberate 503s', () => {
  beforeEach(() => {
    vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => vi.restoreAllMocks());

  it.each([
    [new NoAgentToRouteError('demo-brokerage'), 'NoAgentToRouteError'],
    [new WhatsAppNotConfiguredError(), 'WhatsAppNotConfiguredError'],
  ])(
    'counts a refusal answered 503 with Retry-After as RetryLaterAnswered by its name',
    async (error, reason) => {
      const { handler, counted } = failingWith(error);

      const response = await handler(event, context);

      expect(response.statusCode).toBe(503);
      expect(response.headers?.['retry-after']).toBeDefined();
      expect(counted).toEqual([{ metric: 'RetryLaterAnswered', dimensions: { reason } }]);
    },
  );

  it('does not count an unexpected failure, which answers 500 and must page', async () => {
    const { handler, counted } = failingWith(new TypeError('undefined is not a function'));

    const response = await handler(event, context);

    expect(response.statusCode).toBe(500);
    expect(counted).toEqual([]);
  });
});
