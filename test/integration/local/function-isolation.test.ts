import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoBrokerageId, demoUsers } from '../../../lib/local/demo-users';
import { createDevTokenVerifier, loadOrCreateDevKey, signDevToken } from '../../../lib/local/dev-auth';
import { type LocalGateway, startLocalGateway } from '../../../lib/local/gateway';
import { type RouteDefinition, routeTable } from '../../../schemas/routes';
import { createTestTable } from '../../helpers/dynamodb';
import type { Json } from '../../helpers/local-api';

const rootDir = fileURLToPath(new URL('../../..', import.meta.url));
const key = loadOrCreateDevKey(mkdtempSync(join(tmpdir(), 'lead-crm-key-')));
const [agent] = demoUsers;
const authorization = `Bearer ${signDevToken(key, agent as (typeof demoUsers)[number])}`;

let tableName: string;
let env: NodeJS.ProcessEnv;
const gateways: LocalGateway[] = [];

beforeAll(async () => {
  ({ tableName } = await createTestTable());
  env = {
    ...process.env,
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    BROKERAGE_ID: demoBrokerageId,
    WHATSAPP_APP_SECRET: 'test-app-secret',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    // Powertools logs each invocation's event with the function name and request id of its context.
    POWERTOOLS_LOGGER_LOG_EVENT: 'true',
  };
});
afterAll(() => Promise.all(gateways.map((gateway) => gateway.close())));

/** A gateway over `routes` whose functions' log lines are collected with the function that wrote them. */
const start = async (routes: RouteDefinition[]) => {
  const lines: Array<{ writer: string; entry: Json }> = [];
  const gateway = await startLocalGateway({
    routes,
    rootDir,
    verifier: createDevTokenVerifier(key),
    isolation: 'isolated',
    env,
    onFunctionLog: (writer, line) => {
      try {
        lines.push({ writer, entry: JSON.parse(line) });
      } catch {
        lines.push({ writer, entry: { message: line } });
      }
    },
  });
  gateways.push(gateway);
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      requestId: response.headers.get('apigw-requestid'),
      body: (await response.json()) as Json,
    };
  };
  return { call, lines };
};

const echoRoute = (id: string, access: RouteDefinition['access']): RouteDefinition => ({
  id,
  method: 'GET',
  path: `/echo/${id}`,
  auth: 'jwt',
  handler: 'test/integration/local/fixtures/env-echo-handler.ts',
  summary: 'Echo the environment',
  tags: ['test'],
  access,
  responses: { 200: null },
});

const parsedLines = (chunks: string[]) =>
  chunks
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Json);

describe('the gateway running the handlers in its own process (tests, bench)', () => {
  it('logs concurrent requests to different functions each under its own function name and request id', async () => {
    Object.assign(process.env, env);
    const gateway = await startLocalGateway({
      routes: [routeTable.getLead, routeTable.listLeads, routeTable.createLead],
      rootDir,
      verifier: createDevTokenVerifier(key),
    });
    gateways.push(gateway);
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${gateway.url}${path}`, {
        method,
        headers: { authorization },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const lead = (await (await call('POST', '/leads', { name: 'Rosa Diaz' })).json()) as Json;
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) =>
      written.push(String(chunk)) > 0) as typeof process.stdout.write;

    const calls = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const route = i % 2 === 0 ? 'getLead' : 'listLeads';
        const response = await call('GET', route === 'getLead' ? `/leads/${lead.leadId}` : '/leads?limit=5');
        return { route, status: response.status, requestId: response.headers.get('apigw-requestid') };
      }),
    );
    process.stdout.write = write;

    const entries = parsedLines(written);
    for (const { route, status, requestId } of calls) {
      expect(status).toBe(200);
      const own = entries.filter((entry) => entry.function_request_id === requestId);
      expect(own.length, `${route} ${requestId}`).toBeGreaterThan(0);
      expect(own.every((entry) => entry.function_name === route)).toBe(true);
    }
  });
});

describe('the gateway running each function as Lambda would (npm start)', { timeout: 120_000 }, () => {
  it('logs concurrent requests to different functions each under its own function name and request id', async () => {
    const { call, lines } = await start([routeTable.getLead, routeTable.listLeads, routeTable.createLead]);
    const lead = (await call('POST', '/leads', { name: 'Rosa Diaz' })).body;

    const calls = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        i % 2 === 0
          ? call('GET', `/leads/${lead.leadId}`).then((r) => ({ ...r, route: 'getLead' }))
          : call('GET', '/leads?limit=5').then((r) => ({ ...r, route: 'listLeads' })),
      ),
    );

    for (const { status, requestId, route } of calls) {
      expect(status).toBe(200);
      const own = lines.filter(({ entry }) => entry.function_request_id === requestId);
      expect(own.length, `${route} ${requestId}`).toBeGreaterThan(0);
      for (const { writer, entry } of own) {
        expect(entry.function_name).toBe(route);
        expect(writer).toBe(route);
      }
    }
    const invocationLines = lines.filter(({ entry }) => entry.function_request_id);
    expect(invocationLines.every(({ writer, entry }) => entry.function_name === writer)).toBe(true);
  });

  it('gives a function only the variables its access declares', async () => {
    const { call } = await start([
      echoRoute('tableOnly', { table: 'read' }),
      echoRoute('whatsAppOnly', { whatsappSecrets: true }),
    ]);

    const [tableOnly, whatsAppOnly] = await Promise.all([
      call('GET', '/echo/tableOnly'),
      call('GET', '/echo/whatsAppOnly'),
    ]);

    expect(tableOnly.body.names).toEqual(
      expect.arrayContaining(['TABLE_NAME', 'DYNAMODB_ENDPOINT', 'AWS_REGION']),
    );
    expect(tableOnly.body.names).not.toContain('WHATSAPP_APP_SECRET');
    expect(whatsAppOnly.body.names).toContain('WHATSAPP_APP_SECRET');
    expect(whatsAppOnly.body.names).not.toContain('TABLE_NAME');
    expect(whatsAppOnly.body.names).not.toContain('DYNAMODB_ENDPOINT');
  });

  it('serves concurrent invocations of one function from separate instances, one at a time each', async () => {
    const { call } = await start([echoRoute('slow', {})]);

    const served = await Promise.all(Array.from({ length: 3 }, () => call('GET', '/echo/slow?waitMs=300')));

    expect(new Set(served.map((r) => r.body.instance)).size).toBe(3);
  });

  it('fails on the laptop when a route forgets to declare the table it uses', async () => {
    const { call, lines } = await start([{ ...routeTable.getLead, access: {} }]);

    const res = await call('GET', '/leads/01JD7Q3M2Y9V1X8K4T6R5W0ZAB');

    expect(res.status).toBe(500);
    expect(
      lines.some(
        ({ writer, entry }) =>
          writer === 'getLead' && JSON.stringify(entry).includes('TABLE_NAME is not set'),
      ),
    ).toBe(true);
  });
});
