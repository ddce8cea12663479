/**
 * Counts a brokerage's existing leads into the dashboard's open-lead counts, once after deploying a stack
 * that was already live (the activity consumer keeps the counts from then on; running it again counts no
 * lead twice). Until then the dashboard shows capped counts.
 *   npm run count-leads -- --brokerage acme --outputs-file cdk-outputs.json
 *   npm run count-leads                       (the local runtime; `npm start` runs it on its own)
 */
import { createDocumentClient } from '../lambdas/adapters/dynamodb/document-client';
import { createOpenLeadRecountStore } from '../lambdas/adapters/dynamodb/open-lead-counts';
import { createCrmService } from '../lambdas/adapters/dynamodb/service';
import { countOpenLeads } from '../lambdas/domain/dashboard/count-open-leads';
import { systemClock } from '../lambdas/ports/clock';
import { UsageError } from '../lib/operator/agents-command';
import { resolveTableTarget } from '../lib/operator/table-target';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const usage = `Counts a brokerage's existing leads into the dashboard's open-lead counts, once after
deploying (running it again counts nothing twice):
  npm run count-leads -- --brokerage <id> --outputs-file cdk-outputs.json   (or --table <name>)
  npm run count-leads                                                        (the local runtime)`;

try {
  const target = resolveTableTarget(process.argv.slice(2));
  // DynamoDB Local takes any credentials, as `npm start` gives its functions.
  if (target.kind === 'local')
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  const documents = createDocumentClient({
    region: target.region,
    ...(target.endpoint && { endpoint: target.endpoint }),
  });
  process.stderr.write(
    `Counting the leads of brokerage "${target.brokerageId}" (table ${target.tableName})\n`,
  );
  const counted = await countOpenLeads(target.brokerageId, {
    recount: createOpenLeadRecountStore(createCrmService(documents, target.tableName)),
    clock: systemClock,
  });
  process.stdout.write(
    `${counted.leads} leads read, ${counted.moved} counted in; the dashboard's lead counts are exact from now on.\n`,
  );
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`${error.message}\n\n${usage}\n`);
  process.exit(2);
}
