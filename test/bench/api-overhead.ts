import { Agent, request } from 'node:http';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../lambdas/adapters/dynamodb/document-client';
import { createCrmService } from '../../lambdas/adapters/dynamodb/service';
import type { Lead } from '../../schemas/api/leads';
import { round, summarise, type Timing, timeInterleaved } from './stats';

export interface OverheadResult {
  endpoint: string;
  http: Timing;
  raw: Timing;
  /** HTTP p50 over raw DynamoDB p50 (budget ≤ 1.3). */
  ratio: number;
}

/**
 * An endpoint over HTTP (gateway → handler → ElectroDB → DynamoDB) next to the same DynamoDB call
 * sent straight through the SDK, same data, same run.
 */
export const measureApiOverhead = async (options: {
  baseUrl: string;
  token: string;
  tableName: string;
  endpoint: string;
  agentId: string;
  lead: Lead;
  iterations: number;
}): Promise<OverheadResult[]> => {
  const client = createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT });
  const { lead: leads } = createCrmService(client, options.tableName).entities;
  const headers = { authorization: `Bearer ${options.token}` };
  // A plain keep-alive client, as the app's would be: the figure is the server's cost, not fetch's.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const base = new URL(options.baseUrl);
  const get = (path: string) => () =>
    new Promise<void>((resolve, reject) => {
      const req = request({ host: base.hostname, port: base.port, path, headers, agent }, (response) => {
        response.resume();
        response.on('end', () =>
          response.statusCode === 200
            ? resolve()
            : reject(new Error(`GET ${path} answered ${response.statusCode}`)),
        );
      });
      req.on('error', reject);
      req.end();
    });

  const getParams = leads.get({ leadId: options.lead.leadId }).params();
  const listParams = leads.query
    .byAgentNewest({ agentId: options.agentId })
    .params({ order: 'desc', limit: 25 });

  const cases = [
    {
      endpoint: 'GET /leads/{leadId}',
      http: get(`/leads/${options.lead.leadId}`),
      raw: () => client.send(new GetCommand(getParams as ConstructorParameters<typeof GetCommand>[0])),
    },
    {
      endpoint: 'GET /leads?limit=25',
      http: get('/leads?limit=25'),
      raw: () => client.send(new QueryCommand(listParams as ConstructorParameters<typeof QueryCommand>[0])),
    },
  ];

  const results: OverheadResult[] = [];
  for (const c of cases) {
    const samples = await timeInterleaved(options.iterations, c.http, c.raw);
    const http = summarise(samples.a);
    const raw = summarise(samples.b);
    results.push({ endpoint: c.endpoint, http, raw, ratio: round(http.p50 / raw.p50, 2) });
  }
  return results;
};
