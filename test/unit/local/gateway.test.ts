import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDevTokenVerifier, loadOrCreateDevKey } from '../../../lib/local/dev-auth';
import { type LocalGateway, startLocalGateway } from '../../../lib/local/gateway';
import { apiMaxBodyBytes, type RouteDefinition } from '../../../schemas/routes';

const rootDir = fileURLToPath(new URL('../../..', import.meta.url));
const handler = 'test/unit/local/fixtures/gateway-handlers.ts';

const route = (id: string, path: string, maxBodyBytes?: number): RouteDefinition => ({
  id,
  method: 'POST',
  path,
  auth: 'public',
  handler,
  summary: 'Gateway test route',
  tags: ['test'],
  access: {},
  responses: { 200: null },
  ...(maxBodyBytes !== undefined && { maxBodyBytes }),
});

const routes = [
  route('smallBody', '/small', 1024),
  route('defaultBody', '/default'),
  route('failing', '/fail'),
];

const gateways: Partial<Record<'in-process' | 'isolated', LocalGateway>> = {};
const requests: { path: string; status: number }[] = [];

beforeAll(async () => {
  const verifier = createDevTokenVerifier(loadOrCreateDevKey(mkdtempSync(join(tmpdir(), 'lead-crm-key-'))));
  for (const isolation of ['in-process', 'isolated'] as const) {
    gateways[isolation] = await startLocalGateway({
      routes,
      rootDir,
      verifier,
      isolation,
      env: {},
      onFunctionLog: () => undefined,
      onRequest: ({ path, status }) => requests.push({ path, status }),
    });
  }
});
afterAll(() => Promise.all(Object.values(gateways).map((gateway) => gateway.close())));
afterEach(() => vi.restoreAllMocks());

const post = (isolation: keyof typeof gateways, path: string, body: string) =>
  fetch(`${gateways[isolation]?.url}${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/plain' },
  });

describe('local gateway: body limits', () => {
  it("hands a body of exactly the route's limit to the function", async () => {
    const response = await post('in-process', '/small', 'x'.repeat(1024));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ bytes: 1024 });
  });

  it("refuses a body one byte over the route's own limit with 413 problem+json, the function never called", async () => {
    const response = await post('in-process', '/small', 'x'.repeat(1025));

    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({
      status: 413,
      title: 'Payload too large',
      detail: 'The body is larger than 1024 bytes',
    });
    expect(response.headers.get('apigw-requestid')).toBeNull();
  });

  it('applies the API-wide limit to a route that names none', async () => {
    const atLimit = await post('in-process', '/default', 'x'.repeat(apiMaxBodyBytes));
    const over = await post('in-process', '/default', 'x'.repeat(apiMaxBodyBytes + 1));

    expect(atLimit.status).toBe(200);
    expect(over.status).toBe(413);
    expect(((await over.json()) as { detail: string }).detail).toBe(
      `The body is larger than ${apiMaxBodyBytes} bytes`,
    );
  });

  it('refuses an oversized body for a path no route has with 413 before the 404', async () => {
    const over = await post('in-process', '/nowhere', 'x'.repeat(apiMaxBodyBytes + 1));
    const small = await post('in-process', '/nowhere', 'x');

    expect([over.status, small.status]).toEqual([413, 404]);
  });
});

describe('local gateway: a function that throws', () => {
  it.each(['in-process', 'isolated'] as const)(
    'answers 500 problem+json without the error, and keeps serving (%s)',
    async (isolation) => {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);

      const failed = await post(isolation, '/fail', '{}');
      const text = await failed.text();
      const next = await post(isolation, '/small', 'still here');

      expect(failed.status).toBe(500);
      expect(failed.headers.get('content-type')).toBe('application/problem+json');
      expect(JSON.parse(text)).toEqual({
        type: '/problems/internal-error',
        title: 'Internal error',
        status: 500,
        detail: 'The function failed',
      });
      expect(text).not.toContain('12125550190');
      expect(next.status).toBe(200);
      expect(requests).toContainEqual({ path: '/fail', status: 500 });
      // A function's own failure is in its log; only a failure of the gateway itself is printed here.
      expect(logged.mock.calls.length).toBe(isolation === 'isolated' ? 0 : 1);
    },
  );
});
