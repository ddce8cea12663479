/**
 * `npm run bench`: the budgets of DESIGN.md §9 measured in one run, printed as ratios.
 * `npm run bench -- --json` prints the same figures as one JSON object on the last line.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    leads: { type: 'string', default: '1000' },
    iterations: { type: 'string', default: '400' },
    skip: { type: 'string', multiple: true, default: [] },
    /** `isolated` measures the gateway as npm start runs it: each function in worker threads of its own. */
    isolation: { type: 'string', default: 'in-process' },
  },
});
const rootDir = fileURLToPath(new URL('../..', import.meta.url));
const log = (line: string) => {
  if (!values.json) console.log(line);
};

Object.assign(process.env, {
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  // The demo users' brokerage: the API refuses tokens of any other.
  BROKERAGE_ID: 'demo-brokerage',
  TABLE_NAME: 'bench',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
});

const { startDynamoDbLocal } = await import('../../lib/local/dynamodb-local');
const { createLocalDynamoDbClient, ensureTable } = await import('../../lib/local/ensure-table');
const dynamo = await startDynamoDbLocal();
process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;

const figures: Record<string, unknown> = {};
try {
  await ensureTable(createLocalDynamoDbClient(dynamo.endpoint), 'bench');
  const { routes } = await import('../../schemas/routes');
  const { leadDeps } = await import('../../lambdas/shared/wiring');
  const { demoUsers } = await import('../../lib/local/demo-users');
  const { createDevTokenVerifier, loadOrCreateDevKey, signDevToken } = await import(
    '../../lib/local/dev-auth'
  );
  const { startLocalGateway } = await import('../../lib/local/gateway');
  const { createLead } = await import('../../lambdas/domain/leads/create-lead');
  const { measureApiOverhead } = await import('./api-overhead');

  const deps = leadDeps();
  const user = demoUsers[0];
  if (!user) throw new Error('no demo user');
  const actor = { agentId: user.sub, brokerageId: user.brokerageId, role: user.role, email: user.email };
  const leadCount = Number(values.leads);
  log(`Seeding ${leadCount} leads…`);
  let sample: Awaited<ReturnType<typeof createLead>>['lead'] | undefined;
  for (let i = 0; i < leadCount; i++) {
    const { lead } = await createLead(
      actor,
      { name: `Bench Lead ${i}`, source: 'website', message: 'Is it still available? Budget 500k.' },
      deps,
    );
    sample ??= lead;
  }
  if (!sample) throw new Error('no lead seeded');

  const key = loadOrCreateDevKey(mkdtempSync(join(tmpdir(), 'lead-crm-bench-key-')));
  const gateway = await startLocalGateway({
    routes,
    rootDir,
    verifier: createDevTokenVerifier(key),
    isolation: values.isolation === 'isolated' ? 'isolated' : 'in-process',
  });
  try {
    const overhead = await measureApiOverhead({
      baseUrl: gateway.url,
      token: signDevToken(key, user),
      tableName: 'bench',
      endpoint: dynamo.endpoint,
      agentId: user.sub,
      lead: sample,
      iterations: Number(values.iterations),
    });
    figures.apiOverhead = overhead;
    log('\nAPI handler overhead (p50 over HTTP vs the raw DynamoDB call, budget ≤ 1.3×)');
    for (const r of overhead) {
      log(
        `  ${r.endpoint.padEnd(22)} http p50 ${r.http.p50} ms p99 ${r.http.p99} ms | raw p50 ${r.raw.p50} ms p99 ${r.raw.p99} ms | ratio ${r.ratio}×`,
      );
    }
  } finally {
    await gateway.close();
  }

  if (!values.skip.includes('scoring')) {
    const { measureScoringThroughput } = await import('./scoring-throughput');
    const scoring = await measureScoringThroughput();
    figures.scoring = scoring;
    log(
      `\nHeuristic scoring: ${Math.round(scoring.leadsPerSecond).toLocaleString('en-US')} leads/s on one core (budget ≥ 20,000; ${scoring.leads} leads a round)`,
    );
  }

  if (!values.skip.includes('bundles')) {
    const { measureBundles } = await import('./bundles');
    const bundles = await measureBundles();
    figures.bundles = bundles;
    log(
      `\nBundles vs a DynamoDB-client-only bundle (${(bundles.baseline.bytes / 1024).toFixed(0)} KB, loads in ${bundles.baseline.loadMs} ms; budget ≤ 1.5× size, ≤ 1.3× load)`,
    );
    for (const f of bundles.functions) {
      log(
        `  ${f.name.padEnd(16)} ${(f.bytes / 1024).toFixed(0).padStart(5)} KB ${String(f.sizeRatio).padStart(5)}× | load ${f.loadMs} ms ${f.loadRatio}×`,
      );
    }
  }

  if (!values.skip.includes('writes')) {
    const { formatWriteUnits, measureWriteUnits } = await import('./write-units');
    const writeUnits = await measureWriteUnits({ agentId: user.sub });
    figures.writeUnits = writeUnits;
    log('\nWrite units per operation (DynamoDB Local, ReturnConsumedCapacity INDEXES, mean of 10 leads)');
    for (const line of formatWriteUnits(writeUnits)) log(`  ${line}`);
  }
} finally {
  await dynamo.stop();
}

if (values.json) console.log(JSON.stringify(figures));
