import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { NotFoundError } from '../../../../lambdas/domain/errors';
import { HttpError } from '../../../../lambdas/shared/http/http-error';
import { type HttpRequest, httpHandler, ifMatchVersion } from '../../../../lambdas/shared/http/http-handler';
import { toProblem } from '../../../../lambdas/shared/http/problem';
import { logger } from '../../../../lambdas/shared/logger';
import { leadIdParams, problemSchema } from '../../../../schemas/api/common';
import { propertyInterestSchema } from '../../../../schemas/api/leads';
import { apiMaxBodyBytes, type RouteDefinition } from '../../../../schemas/routes';
import { createMockLead } from '../../../helpers/factories';

const defineRoute = <const R extends RouteDefinition>(route: R): R => route;

/** A route of its own, so these tests do not depend on any real handler. */
const tagLeadRoute = defineRoute({
  id: 'tagLead',
  method: 'POST',
  path: '/leads/{leadId}/tags',
  auth: 'jwt',
  handler: 'test/fake-route.ts',
  summary: 'Tag a lead',
  tags: ['test'],
  access: {},
  request: {
    params: leadIdParams,
    query: z.strictObject({ notify: z.enum(['yes', 'no']).default('no') }),
    body: z.strictObject({
      tag: z.string().trim().min(1).max(32),
      note: z.string().optional(),
      propertyInterest: propertyInterestSchema.optional(),
    }),
  },
  responses: { 200: null },
});

const publicRoute = defineRoute({
  id: 'ping',
  method: 'GET',
  path: '/ping',
  auth: 'public',
  handler: 'test/fake-route.ts',
  summary: 'Ping',
  tags: ['test'],
  access: {},
  responses: { 204: null },
});

const leadId = createMockLead().leadId;

// The stack's brokerage, as every function gets it; read once, at the first request.
process.env.BROKERAGE_ID = 'brokerage-riverside';

const danaClaims = {
  sub: 'agent-dana-lee',
  email: 'dana.lee@example.com',
  name: 'Dana Lee',
  'custom:brokerageId': 'brokerage-riverside',
  'custom:role': 'admin',
};

/** An API Gateway HTTP API (payload 2.0) event as the JWT authorizer passes it on. */
const apiEvent = ({
  body,
  claims = danaClaims,
  query,
  headers = {},
  isBase64Encoded = false,
}: {
  body?: string;
  claims?: Record<string, string> | null;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  isBase64Encoded?: boolean;
}): APIGatewayProxyEventV2 => {
  const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
    version: '2.0',
    routeKey: 'POST /leads/{leadId}/tags',
    rawPath: `/leads/${leadId}/tags`,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: { 'content-type': 'application/json', host: 'api.example.com', ...headers },
    queryStringParameters: query,
    pathParameters: { leadId },
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: {
        method: 'POST',
        path: `/leads/${leadId}/tags`,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.10',
        userAgent: 'okhttp/4.12.0',
      },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: 'POST /leads/{leadId}/tags',
      stage: '$default',
      time: '02/Mar/2026:14:00:00 +0000',
      timeEpoch: 1772460000000,
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claims ?? {}, scopes: null } },
    },
    body,
    isBase64Encoded,
  };
  if (claims === null) {
    const { authorizer: _authorizer, ...requestContext } = event.requestContext;
    return { ...event, requestContext };
  }
  return event;
};

const context: Context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'crm-tag-lead',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:crm-tag-lead',
  memoryLimitInMB: '512',
  awsRequestId: '9f1c6f4e-3c55-4a43-9b8e-2f6a0d0c1a11',
  logGroupName: '/aws/lambda/crm-tag-lead',
  logStreamName: '2026/03/02/[$LATEST]abcdef0123456789',
  getRemainingTimeInMillis: () => 3000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

const problemOf = (response: { body?: string }) => problemSchema.parse(JSON.parse(String(response.body)));

describe('httpHandler', () => {
  beforeEach(() => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('hands the use case typed params, query, body and actor, and answers with its JSON', async () => {
    const seen: HttpRequest<typeof tagLeadRoute>[] = [];
    const handler = httpHandler(tagLeadRoute, async (request) => {
      seen.push(request);
      return {
        status: 200,
        body: { leadId: request.params.leadId, tag: request.body.tag },
        headers: { etag: '"2"' },
      };
    });

    const response = await handler(apiEvent({ body: JSON.stringify({ tag: '  investor ' }) }), context);

    expect(response.statusCode).toBe(200);
    expect(response.headers).toEqual({ 'content-type': 'application/json', etag: '"2"' });
    expect(JSON.parse(String(response.body))).toEqual({ leadId, tag: 'investor' });
    expect(seen[0]?.query).toEqual({ notify: 'no' });
    expect(seen[0]?.actor).toEqual({
      agentId: 'agent-dana-lee',
      brokerageId: 'brokerage-riverside',
      email: 'dana.lee@example.com',
      role: 'admin',
      name: 'Dana Lee',
    });
  });

  it('answers with an empty body and no content type when the use case returns none', async () => {
    const handler = httpHandler(publicRoute, async ({ actor }) => ({
      status: 204,
      headers: { 'x-actor': String(actor) },
    }));

    const response = await handler(apiEvent({ claims: null }), context);

    expect(response).toEqual({ statusCode: 204, headers: { 'x-actor': 'undefined' }, body: '' });
  });

  it('reads a base64-encoded body', async () => {
    const handler = httpHandler(tagLeadRoute, async ({ body }) => ({ status: 200, body }));
    const encoded = Buffer.from(JSON.stringify({ tag: 'first-time-buyer' })).toString('base64');

    const response = await handler(apiEvent({ body: encoded, isBase64Encoded: true }), context);

    expect(JSON.parse(String(response.body))).toEqual({ tag: 'first-time-buyer' });
  });

  it('answers a body over the API limit (64 KiB) with 413 without running the use case', async () => {
    const run = vi.fn(async () => ({ status: 200 }));
    const handler = httpHandler(tagLeadRoute, run);
    const note = 'x'.repeat(apiMaxBodyBytes);

    const response = await handler(apiEvent({ body: JSON.stringify({ tag: 'buyer', note }) }), context);

    expect(response.statusCode).toBe(413);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(problemOf(response)).toMatchObject({ status: 413 });
    expect(run).not.toHaveBeenCalled();
  });

  it('counts the limit in bytes, not characters', async () => {
    const run = vi.fn(async () => ({ status: 200 }));
    const handler = httpHandler(tagLeadRoute, run);
    const note = 'é'.repeat(Math.ceil(apiMaxBodyBytes / 2));

    const response = await handler(apiEvent({ body: JSON.stringify({ tag: 'buyer', note }) }), context);

    expect(response.statusCode).toBe(413);
    expect(run).not.toHaveBeenCalled();
  });

  it('logs overlapping invocations each with its own function name and request id', async () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    // Each use case logs before and after a wait, so the second invocation starts in between.
    const handlerFor = (name: string) =>
      httpHandler({ ...tagLeadRoute, id: name }, async () => {
        logger.info('use case started');
        await new Promise((resolve) => setTimeout(resolve, 20));
        logger.info('use case finished');
        return { status: 204 };
      });
    const invoke = (functionName: string, awsRequestId: string) =>
      handlerFor(functionName)(apiEvent({ body: JSON.stringify({ tag: 'buyer' }) }), {
        ...context,
        functionName,
        awsRequestId,
      });

    await Promise.all([invoke('tagLead', 'request-a'), invoke('scoreLead', 'request-b')]);
    vi.mocked(process.stdout.write).mockRestore();

    const lines = written
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.includes('use case'))
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(line.function_request_id).toBe(line.function_name === 'tagLead' ? 'request-a' : 'request-b');
    }
    expect(new Set(lines.map((line) => line.function_name))).toEqual(new Set(['tagLead', 'scoreLead']));
  });

  it('counts a base64-encoded body by its decoded bytes', async () => {
    const handler = httpHandler(tagLeadRoute, async ({ body }) => ({
      status: 200,
      body: { noteLength: body.note?.length },
    }));
    // 60 KiB of JSON is 80 KiB once base64-encoded: within the limit, as API Gateway would pass it on.
    const within = JSON.stringify({ tag: 'buyer', note: 'x'.repeat(60 * 1024) });
    const over = JSON.stringify({ tag: 'buyer', note: 'x'.repeat(apiMaxBodyBytes) });
    const encode = (text: string) => Buffer.from(text).toString('base64');

    const accepted = await handler(apiEvent({ body: encode(within), isBase64Encoded: true }), context);
    const refused = await handler(apiEvent({ body: encode(over), isBase64Encoded: true }), context);

    expect(accepted.statusCode).toBe(200);
    expect(JSON.parse(String(accepted.body))).toEqual({ noteLength: 60 * 1024 });
    expect(refused.statusCode).toBe(413);
  });

  it("honours a route's own maxBodyBytes, above and below the API limit", async () => {
    const run = vi.fn(async () => ({ status: 200 }));
    const bulkRoute = defineRoute({ ...tagLeadRoute, id: 'bulkTag', maxBodyBytes: 256 * 1024 });
    const body = JSON.stringify({ tag: 'buyer', note: 'x'.repeat(200 * 1024) });
    const encoded = Buffer.from(JSON.stringify({ tag: 'buyer', note: 'x'.repeat(300 * 1024) })).toString(
      'base64',
    );

    const accepted = await httpHandler(bulkRoute, run)(apiEvent({ body }), context);
    const refusedBase64 = await httpHandler(bulkRoute, run)(
      apiEvent({ body: encoded, isBase64Encoded: true }),
      context,
    );

    expect(accepted.statusCode).toBe(200);
    expect(refusedBase64.statusCode).toBe(413);
    expect(problemOf(refusedBase64).detail).toContain(String(256 * 1024));
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('answers malformed JSON with 400 naming the body', async () => {
    const run = vi.fn(async () => ({ status: 200 }));
    const handler = httpHandler(tagLeadRoute, run);

    const response = await handler(apiEvent({ body: '{"tag": "buyer",' }), context);

    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors).toEqual([{ field: 'body', message: 'is not valid JSON' }]);
    expect(run).not.toHaveBeenCalled();
  });

  it('answers an invalid body with 400 naming each field, nested ones by path', async () => {
    const handler = httpHandler(tagLeadRoute, async () => ({ status: 200 }));

    const response = await handler(
      apiEvent({ body: JSON.stringify({ tag: '', propertyInterest: { price: 0 }, colour: 'red' }) }),
      context,
    );

    expect(response.statusCode).toBe(400);
    expect(
      problemOf(response)
        .errors?.map((issue) => issue.field)
        .sort(),
    ).toEqual(['colour', 'propertyInterest.price', 'tag']);
  });

  it('answers a missing body with 400 naming the body', async () => {
    const handler = httpHandler(tagLeadRoute, async () => ({ status: 200 }));

    const response = await handler(apiEvent({}), context);

    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors?.map((issue) => issue.field)).toEqual(['body']);
  });

  it('answers a bad query value with 400 naming the parameter', async () => {
    const handler = httpHandler(tagLeadRoute, async () => ({ status: 200 }));

    const response = await handler(
      apiEvent({ body: JSON.stringify({ tag: 'buyer' }), query: { notify: 'maybe' } }),
      context,
    );

    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors?.map((issue) => issue.field)).toEqual(['notify']);
  });

  it('answers a request without JWT claims with 401 without running the use case', async () => {
    const run = vi.fn(async () => ({ status: 200 }));
    const handler = httpHandler(tagLeadRoute, run);

    const response = await handler(
      apiEvent({ body: JSON.stringify({ tag: 'buyer' }), claims: null }),
      context,
    );

    expect(response.statusCode).toBe(401);
    expect(problemOf(response)).toMatchObject({ status: 401 });
    expect(run).not.toHaveBeenCalled();
  });

  it('answers a token without a brokerage with 401', async () => {
    const { 'custom:brokerageId': _brokerage, ...claims } = danaClaims;
    const handler = httpHandler(tagLeadRoute, async () => ({ status: 200 }));

    const response = await handler(apiEvent({ body: JSON.stringify({ tag: 'buyer' }), claims }), context);

    expect(response.statusCode).toBe(401);
  });

  it('refuses a token of another brokerage with 403 problem+json, before the use case runs', async () => {
    const run = vi.fn(async () => ({ status: 200 }));
    const handler = httpHandler(tagLeadRoute, run);

    const response = await handler(
      apiEvent({
        body: JSON.stringify({ tag: 'buyer' }),
        claims: { ...danaClaims, 'custom:brokerageId': 'brokerage-riversid' },
      }),
      context,
    );

    expect(response.statusCode).toBe(403);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(problemOf(response)).toMatchObject({ status: 403, title: 'Forbidden' });
    expect(problemOf(response).detail).toContain('brokerage-riversid');
    expect(run).not.toHaveBeenCalled();
  });

  it('treats a caller with an unknown role as an agent', async () => {
    const seen: HttpRequest<typeof tagLeadRoute>[] = [];
    const handler = httpHandler(tagLeadRoute, async (request) => {
      seen.push(request);
      return { status: 200 };
    });

    await handler(
      apiEvent({ body: JSON.stringify({ tag: 'buyer' }), claims: { ...danaClaims, 'custom:role': 'owner' } }),
      context,
    );

    expect(seen[0]?.actor.role).toBe('agent');
  });

  it("maps the use case's domain error to its problem", async () => {
    const handler = httpHandler(tagLeadRoute, async () => {
      throw new NotFoundError('Lead');
    });

    const response = await handler(apiEvent({ body: JSON.stringify({ tag: 'buyer' }) }), context);

    expect(response.statusCode).toBe(404);
    expect(problemOf(response)).toMatchObject({ status: 404, detail: 'Lead was not found' });
  });

  it('answers an unexpected failure with 500 and keeps its message to the logs', async () => {
    const handler = httpHandler(tagLeadRoute, async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'phone')");
    });

    const response = await handler(apiEvent({ body: JSON.stringify({ tag: 'buyer' }) }), context);

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('phone');
    expect(logger.error).toHaveBeenCalled();
  });
});

describe('ifMatchVersion', () => {
  it.each([
    ['3', 3],
    ['"3"', 3],
    ['W/"3"', 3],
    [' "12" ', 12],
  ])('reads If-Match %s as version %i', (header, version) => {
    expect(ifMatchVersion({ 'if-match': header })).toBe(version);
  });

  it('answers no If-Match with undefined', () => {
    expect(ifMatchVersion({ accept: 'application/json' })).toBeUndefined();
  });

  it.each(['abc', '*', '"3", "4"', ''])('refuses If-Match %j with a 400 naming If-Match', (header) => {
    let thrown: unknown;
    try {
      ifMatchVersion({ 'if-match': header });
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(HttpError);
    const response = toProblem(thrown);
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
  });
});
