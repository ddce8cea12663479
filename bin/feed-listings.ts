/**
 * Puts the listings a brokerage already had before listings were synced into its listings feed, so every
 * device receives them through GET /sync. Run once per brokerage after deploying listing sync:
 *   npx tsx bin/feed-listings.ts --brokerage acme --outputs-file cdk-outputs.json   (or --table <name>)
 * Without --brokerage it acts on the local runtime (`npm start`'s DynamoDB Local).
 */
import { createActivityStore } from '../lambdas/adapters/dynamodb/activity-store';
import { createDocumentClient } from '../lambdas/adapters/dynamodb/document-client';
import { createListingRepository } from '../lambdas/adapters/dynamodb/listing-repository';
import { createCrmService } from '../lambdas/adapters/dynamodb/service';
import { feedExistingListings } from '../lambdas/domain/sync/feed-existing-listings';
import { systemClock } from '../lambdas/ports/clock';
import { UsageError } from '../lib/operator/agents-command';
import { resolveTableTarget } from '../lib/operator/table-target';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

try {
  const target = resolveTableTarget(process.argv.slice(2));
  // DynamoDB Local takes any credentials, as `npm start` gives its functions.
  if (target.kind === 'local')
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  const documents = createDocumentClient({
    region: target.region,
    ...(target.endpoint && { endpoint: target.endpoint }),
  });
  const crm = createCrmService(documents, target.tableName);
  const { fed, already } = await feedExistingListings(target.brokerageId, {
    listings: createListingRepository(crm),
    activity: createActivityStore(crm),
    clock: systemClock,
  });
  process.stdout.write(
    `Listings feed of brokerage "${target.brokerageId}" (table ${target.tableName}): ${fed} listings added, ${already} already there\n`,
  );
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
