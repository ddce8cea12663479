import { Agent, request } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { recordCalls, replayOf } from './recorded-calls';
import { round, summarise, type Timing, timeInterleaved } from './stats';

export interface ScaleResult {
  endpoint: string;
  http: Timing;
  raw: Timing;
  /** HTTP p50 over the p50 of the same DynamoDB calls sent straight (budget ≤ 1.3). */
  ratio: number;
  /** The DynamoDB calls the endpoint made, in waves. */
  calls: string;
}

interface Case {
  endpoint: string;
  token: string;
  requests: { method: 'GET' | 'POST'; path: string; body?: unknown }[];
}

/**
 * The agent's phone at scale: each endpoint over HTTP next to the exact DynamoDB calls it made, recorded
 * from one request and replayed through a bare client in the same waves, interleaved, same data.
 */
export const measureAgentScale = async (options: {
  baseUrl: string;
  endpoint: string;
  tokens: { large: string; small: string };
  leadId: string;
  iterations: number;
}): Promise<ScaleResult[]> => {
  const raw = new DynamoDBClient({ region: 'us-east-1', endpoint: options.endpoint, maxAttempts: 1 });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const base = new URL(options.baseUrl);
  const send = (token: string, method: string, path: string, body?: unknown) =>
    new Promise<void>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        {
          host: base.hostname,
          port: base.port,
          path,
          method,
          agent,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload && {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
            }),
          },
        },
        (response) => {
          response.resume();
          response.on('end', () =>
            (response.statusCode ?? 500) < 300
              ? resolve()
              : reject(new Error(`${method} ${path} answered ${response.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  const { leadId } = options;
  const cases: Case[] = [
    {
      endpoint: 'GET /leads/dashboard (10,000 leads)',
      token: options.tokens.large,
      requests: [{ method: 'GET', path: '/leads/dashboard' }],
    },
    {
      endpoint: 'GET /leads/dashboard (100 leads)',
      token: options.tokens.small,
      requests: [{ method: 'GET', path: '/leads/dashboard' }],
    },
    {
      endpoint: 'lead detail + timeline',
      token: options.tokens.large,
      requests: [
        { method: 'GET', path: `/leads/${leadId}` },
        { method: 'GET', path: `/leads/${leadId}/timeline?limit=25` },
      ],
    },
    {
      endpoint: 'one tap: POST note',
      token: options.tokens.large,
      requests: [
        { method: 'POST', path: `/leads/${leadId}/notes`, body: { text: 'Called back, viewing Saturday' } },
      ],
    },
    {
      endpoint: 'GET /leads/analytics (30 days)',
      token: options.tokens.large,
      requests: [{ method: 'GET', path: '/leads/analytics' }],
    },
    {
      endpoint: 'GET /sync (page of 100)',
      token: options.tokens.large,
      requests: [{ method: 'GET', path: '/sync?limit=100' }],
    },
  ];

  const results: ScaleResult[] = [];
  for (const c of cases) {
    const http = async () => {
      for (const r of c.requests) await send(c.token, r.method, r.path, r.body);
    };
    await http(); // warm the route before recording what it calls
    const replay = replayOf(await recordCalls(http), raw);
    const samples = await timeInterleaved(options.iterations, http, () => replay.run(), 20);
    const httpTiming = summarise(samples.a);
    const rawTiming = summarise(samples.b);
    results.push({
      endpoint: c.endpoint,
      http: httpTiming,
      raw: rawTiming,
      ratio: round(httpTiming.p50 / rawTiming.p50, 2),
      calls: replay.describe,
    });
  }
  raw.destroy();
  agent.destroy();
  return results;
};
