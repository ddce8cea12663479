/**
 * `npm start`: the whole backend on this machine. DynamoDB Local (data under .local/), the table
 * from the stack's own layout, demo data on first start, and the HTTP API on PORT serving the real
 * handlers behind the same token checks as the cloud authorizer, and the follow-up workflow (the
 * definition the CDK construct renders, a durable local scheduler, FOLLOW_UP_CLOCK_SPEED to watch a
 * sequence fast).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const rootDir = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.PORT ?? 3000);
const dynamoPort = Number(process.env.DYNAMODB_LOCAL_PORT ?? 8765);

// The handlers read their configuration from the environment, exactly as in Lambda.
Object.assign(process.env, {
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  TABLE_NAME: process.env.TABLE_NAME ?? 'lead-crm-local',
  BROKERAGE_ID: 'demo-brokerage',
  DEFAULT_TIMEZONE: process.env.DEFAULT_TIMEZONE ?? 'America/New_York',
  DEFAULT_COUNTRY: process.env.DEFAULT_COUNTRY ?? 'US',
  POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  POWERTOOLS_DEV: 'true',
});
// Where the follow-up functions reach the local Scheduler and Step Functions, known before anything reads it.
const localAwsPort = Number(process.env.LOCAL_AWS_PORT ?? 8766);
const { followUpEngineEnvironment } = await import('../lib/local/workflow/engine-environment');
// The follow-up speed-up: every wait is that much shorter; the send step takes a wake as arriving when due.
const clockSpeed = Number(process.env.FOLLOW_UP_CLOCK_SPEED ?? 1);
Object.assign(
  process.env,
  followUpEngineEnvironment(
    `http://127.0.0.1:${localAwsPort}`,
    Number.isFinite(clockSpeed) && clockSpeed >= 1 ? clockSpeed : 1,
  ),
);

// WhatsApp and Facebook: dev credentials and the ids webhooks are bound to, unless given. Without
// WHATSAPP_ACCESS_TOKEN nothing leaves the machine: sends land in the sandbox outbox and lead forms are
// read from the sandbox.
const { metaDevIds } = await import('../lib/local/meta-dev-ids');
const whatsAppDevDefaults: Record<string, string> = {
  WHATSAPP_APP_SECRET: 'local-dev-app-secret',
  WHATSAPP_VERIFY_TOKEN: 'local-dev-verify-token',
  ...metaDevIds,
};
const whatsAppGiven = new Set(Object.keys(whatsAppDevDefaults).filter((name) => process.env[name]));
for (const [name, value] of Object.entries(whatsAppDevDefaults)) process.env[name] ||= value;
process.env.SANDBOX_DIR ||= join(rootDir, '.local', 'sandbox');
// Email: with no configuration set bound, emails land in the same outbox; unsubscribe links point here.
process.env.EMAIL_FROM ||= '"Demo Realty" <homes@demo-realty.example.com>';
process.env.EMAIL_REPLY_TO ||= 'replies@demo-realty.example.com';
process.env.API_BASE_URL ||= `http://${process.env.HOST ?? '127.0.0.1'}:${port}`;

const { JavaMissingError, PortInUseError, startDynamoDbLocal } = await import('../lib/local/dynamodb-local');
const { createLocalDynamoDbClient, ensureTable } = await import('../lib/local/ensure-table');

let dynamo: Awaited<ReturnType<typeof startDynamoDbLocal>>;
try {
  dynamo = await startDynamoDbLocal({ port: dynamoPort, dataDir: join(rootDir, '.local', 'dynamodb') });
} catch (error) {
  if (error instanceof JavaMissingError || error instanceof PortInUseError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
await ensureTable(createLocalDynamoDbClient(dynamo.endpoint), process.env.TABLE_NAME as string);

const { routes } = await import('../schemas/routes');
const { scoringLeadDeps } = await import('../lambdas/shared/intelligence-wiring');
const { seedDemoData } = await import('../lib/local/seed');
const { demoUsers } = await import('../lib/local/demo-users');
const { createDevTokenVerifier, loadOrCreateDevKey, signDevToken } = await import('../lib/local/dev-auth');
const { startLocalGateway } = await import('../lib/local/gateway');
const { createFileOutbox } = await import('../lambdas/adapters/whatsapp/file-outbox');
const outbox = createFileOutbox(process.env.SANDBOX_DIR as string);
const { parseInboundEmail } = await import('../lambdas/adapters/email/parse-inbound-email');
const { receiveEmailReply } = await import('../lambdas/domain/messaging/receive-email-reply');
const { emailReplyDeps } = await import('../lambdas/shared/inbound-email-wiring');

const { taskDeps } = await import('../lambdas/shared/task-wiring');
const { listingDeps } = await import('../lambdas/shared/listing-wiring');
const seeded = await seedDemoData(scoringLeadDeps(), {
  tasks: taskDeps().tasks,
  listings: listingDeps().listings,
});
const key = loadOrCreateDevKey(join(rootDir, '.local'));
const gateway = await startLocalGateway({
  routes,
  rootDir,
  port,
  host: process.env.HOST ?? '127.0.0.1',
  // Each function in worker threads of its own, with only the variables its access declares.
  isolation: 'isolated',
  verifier: createDevTokenVerifier(key),
  localEndpoints: {
    'GET /_local/health': async (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: true, dynamodb: dynamo.endpoint }));
    },
    'GET /_local/outbox': async (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(await outbox.list()));
    },
    // SES receiving's stand-in: a raw RFC 5322 reply, through the parser and use case the cloud function runs.
    'POST /_local/email': async (_request, response, body) => {
      const email = await parseInboundEmail(body);
      const outcome = email ? await receiveEmailReply(email, emailReplyDeps()) : { result: 'unreadable' };
      response.writeHead(email ? 200 : 400, { 'content-type': 'application/json' });
      response.end(JSON.stringify(outcome));
    },
  },
  onRequest: ({ method, path, status, ms }) => {
    if (process.env.QUIET !== '1') console.log(`${method} ${path} → ${status} (${ms.toFixed(1)} ms)`);
  },
});

// The stack's scheduled jobs (the parked lead-form retry) on their rates, through the same handlers.
const { scheduledJobs } = await import('../schemas/scheduled-jobs');
const { startLocalScheduledJobs } = await import('../lib/local/scheduled-jobs');
const jobsEverySeconds = Number(process.env.LOCAL_JOBS_EVERY_SECONDS ?? 0);
const jobs = startLocalScheduledJobs({
  jobs: scheduledJobs,
  rootDir,
  ...(jobsEverySeconds > 0 && { everyMs: jobsEverySeconds * 1000 }),
  onRun: ({ id, ok, ms, error }) => {
    if (!ok) console.error(`job ${id} failed (${ms.toFixed(1)} ms)`, error);
    else if (process.env.QUIET !== '1') console.log(`job ${id} ran (${ms.toFixed(1)} ms)`);
  },
});

const tokens = demoUsers.map((user) => ({ user, token: signDevToken(key, user) }));
const agentToken = tokens[0]?.token ?? '';
const adminToken = tokens.find(({ user }) => user.role === 'admin')?.token ?? '';
/** A secret the developer set stays unprinted; the dev defaults are printed so the simulator can sign. */
const shown = (name: string, secret: boolean) =>
  whatsAppGiven.has(name)
    ? secret
      ? `(from ${name})`
      : `${process.env[name]} (from ${name})`
    : process.env[name];
const simulate = `${port === 3000 ? '' : `API_URL=${gateway.url} `}npm run simulate --`;
const whatsApp = process.env.WHATSAPP_ACCESS_TOKEN
  ? 'Graph API (WHATSAPP_ACCESS_TOKEN is set): messages really go out'
  : `sandbox: sends land in the outbox, ${gateway.url}/_local/outbox`;
console.log(`
Lead CRM backend running locally
  API          ${gateway.url}   (OpenAPI: ${gateway.url}/openapi.json)
  DynamoDB     ${dynamo.endpoint}   (data in .local/dynamodb, table ${process.env.TABLE_NAME})
  Demo data    ${seeded.seeded ? `seeded ${seeded.leads} leads` : 'kept from the last run'}

Dev tokens (12 h; a fresh one any time: npm run -s token -- <email>)
${tokens.map(({ user, token }) => `  ${user.email.padEnd(18)} ${user.role.padEnd(6)} ${token}`).join('\n')}

WhatsApp       ${whatsApp}
  app secret       ${shown('WHATSAPP_APP_SECRET', true)}   (signs webhooks; the simulator uses the dev one)
  verify token     ${shown('WHATSAPP_VERIFY_TOKEN', true)}
  phone number id  ${shown('WHATSAPP_PHONE_NUMBER_ID', false)}   (WhatsApp events for another number are skipped)
Facebook
  page id          ${shown('FACEBOOK_PAGE_ID', false)}   (Page events for another Page are skipped)

Try it:
  curl -s -H "Authorization: Bearer ${agentToken}" "${gateway.url}/leads?sort=score&limit=5"
  ${simulate} whatsapp --from "+1 212 555 0142" --text "Hi, is the flat on 5th still available?"
  ${simulate} email --from dana.lee@example.com --subject "Re: Viewing" --text "Saturday works"
  curl -s ${gateway.url}/_local/outbox

Parked lead forms (a Lead Ads form Meta will not let us read, e.g. an expired page token):
  ${simulate} facebook --expire-token      then a --leadgen form is parked, not lost
  curl -s -H "Authorization: Bearer ${adminToken}" ${gateway.url}/admin/parked-leads
  ${simulate} facebook --renew-token       the retry (every ${scheduledJobs[0]?.everyMinutes ?? 15} min; LOCAL_JOBS_EVERY_SECONDS=30 for demos) makes the lead
  curl -s -X POST -H "Authorization: Bearer ${adminToken}" ${gateway.url}/admin/parked-leads/retry   (now)

Ctrl-C stops everything.
`);

// The follow-up engine: its functions reach the local Scheduler and Step Functions through the
// environment, as they reach AWS in the cloud; unfinished enrolments resume where they waited.
if (!Number.isFinite(clockSpeed) || clockSpeed < 1) {
  console.error('FOLLOW_UP_CLOCK_SPEED must be a number of at least 1 (3600: an hour a second)');
  await gateway.close();
  await dynamo.stop();
  process.exit(1);
}
const { startFollowUpEngine } = await import('../lib/local/workflow/follow-up-engine');
const { createIsolatedFunctions } = await import('../lib/local/local-functions');
// The workflow's task functions, like the API's, each in workers of its own with only its declared variables.
const workflowFunctions = createIsolatedFunctions({ rootDir, env: process.env });
const followUps = await startFollowUpEngine({
  dynamoDb: createLocalDynamoDbClient(dynamo.endpoint),
  tableName: process.env.TABLE_NAME as string,
  rootDir,
  clockSpeed,
  endpointPort: localAwsPort,
  functions: workflowFunctions,
  log: (line) => console.log(line),
});
const resumed = await followUps.resume();
// Replies, opt-outs and closed outcomes stop follow-ups at once: the table's stream, read as Lambda would.
const { startLocalFollowUpReactions } = await import('../lib/local/follow-up-reactions');
const reactions = await startLocalFollowUpReactions({
  dynamoDb: createLocalDynamoDbClient(dynamo.endpoint),
  endpoint: dynamo.endpoint,
  tableName: process.env.TABLE_NAME as string,
  rootDir,
  log: (line) => console.log(line),
});
// Each agent's sync feed and the analytics counters, from the same stream, as the stack's consumer does.
const { startLocalAgentActivity } = await import('../lib/local/agent-activity');
const activity = await startLocalAgentActivity({
  dynamoDb: createLocalDynamoDbClient(dynamo.endpoint),
  endpoint: dynamo.endpoint,
  tableName: process.env.TABLE_NAME as string,
  rootDir,
  log: (line) => console.log(line),
});
// The dashboard's lead counts hold leads kept from an older run too: counted in once (again: nothing moves).
const { countOpenLeads } = await import('../lambdas/domain/dashboard/count-open-leads');
const { createOpenLeadRecountStore } = await import('../lambdas/adapters/dynamodb/open-lead-counts');
const { crmService } = await import('../lambdas/shared/wiring');
await countOpenLeads(process.env.BROKERAGE_ID as string, {
  recount: createOpenLeadRecountStore(crmService()),
  clock: { now: () => new Date() },
});
console.log(
  `Follow-ups     clock ×${clockSpeed}; ${resumed.executions.length} enrolment(s) resumed, ${resumed.schedules} wake(s) pending`,
);

let stopping = false;
const shutdown = async (code: number) => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  jobs.stop();
  // Pending wake timers are cleared; waiting executions stay saved and resume on the next start.
  await reactions.stop().catch(() => undefined);
  await activity.stop().catch(() => undefined);
  await followUps.stop().catch(() => undefined);
  await workflowFunctions.close().catch(() => undefined);
  await gateway.close().catch(() => undefined);
  await dynamo.stop().catch(() => undefined);
  process.exit(code);
};
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('uncaughtException', (error) => {
  console.error(error);
  void shutdown(1);
});
