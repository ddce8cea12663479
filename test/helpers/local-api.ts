import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { type DemoUser, demoBrokerageId, demoUsers } from '../../lib/local/demo-users';
import {
  createDevTokenVerifier,
  type DevTokenOptions,
  type DevTokenSubject,
  loadOrCreateDevKey,
  signDevToken,
} from '../../lib/local/dev-auth';
import { startLocalGateway } from '../../lib/local/gateway';
import { routes } from '../../schemas/routes';
import { createTestTable } from './dynamodb';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are asserted field by field in tests
export type Json = any;

export interface ApiResponse<T = Json> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestApi {
  url: string;
  tableName: string;
  /** A token of a demo user (or their email), or of any subject, e.g. an agent added with `npm run agents`. */
  tokenFor(user: DevTokenSubject | string, options?: DevTokenOptions): string;
  call<T = Json>(
    method: string,
    path: string,
    options?: {
      /** Who calls: a demo user (default agent1), a raw token, or null for no Authorization header. */
      as?: DemoUser | { token: string } | null;
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
    },
  ): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

export const [agent1, agent2, admin] = demoUsers as [DemoUser, DemoUser, DemoUser];

/**
 * The local API as a client sees it: a fresh table in the run's DynamoDB Local, the local gateway
 * serving the real handlers, and tokens signed like the dev tokens `npm start` prints.
 */
export const startTestApi = async (env: Record<string, string> = {}): Promise<TestApi> => {
  const { tableName } = await createTestTable();
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    // The demo users' brokerage: tokens of any other are refused, as the stack refuses them.
    BROKERAGE_ID: demoBrokerageId,
    DEFAULT_COUNTRY: 'US',
    DEFAULT_TIMEZONE: 'America/New_York',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    ...env,
  });
  const key = loadOrCreateDevKey(mkdtempSync(join(tmpdir(), 'lead-crm-key-')));
  const gateway = await startLocalGateway({ routes, rootDir, verifier: createDevTokenVerifier(key) });

  const tokenFor = (user: DevTokenSubject | string, options?: DevTokenOptions) => {
    const found = typeof user === 'string' ? demoUsers.find((u) => u.email === user) : user;
    if (!found) throw new Error(`No demo user ${String(user)}`);
    return signDevToken(key, found, options);
  };

  return {
    url: gateway.url,
    tableName,
    tokenFor,
    async call(method, path, { as = agent1, body, rawBody, headers = {} } = {}) {
      const response = await fetch(`${gateway.url}${path}`, {
        method,
        headers: {
          ...(as === null ? {} : { authorization: `Bearer ${'token' in as ? as.token : tokenFor(as)}` }),
          ...(body === undefined && rawBody === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      const text = await response.text();
      let parsed: Json = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
    close: () => gateway.close(),
  };
};
