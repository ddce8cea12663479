import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createActivityStore } from '../../../lambdas/adapters/dynamodb/activity-store';
import { createChangeFeed } from '../../../lambdas/adapters/dynamodb/change-feed';
import { createListingRepository } from '../../../lambdas/adapters/dynamodb/listing-repository';
import { type CrmService, createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import { feedExistingListings } from '../../../lambdas/domain/sync/feed-existing-listings';
import { syncChanges } from '../../../lambdas/domain/sync/sync-changes';
import { fixedClock } from '../../../lambdas/ports/clock';
import { createTestTable } from '../../helpers/dynamodb';
import { createMockActor } from '../../helpers/factories';
import { createMockListing } from '../../helpers/in-memory-change-feed';

let service: CrmService;
const clock = fixedClock('2026-12-02T09:00:00.000Z');

beforeAll(async () => {
  const { client, tableName } = await createTestTable();
  service = createCrmService(
    DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    tableName,
  );
});

describe('feedExistingListings', () => {
  it('gives listings added before listings were synced to every device, once, however often it runs', async () => {
    const listings = createListingRepository(service);
    // Written before the activity consumer fed listings: nothing in any feed names them.
    const earlier = [1, 2, 3].map((n) =>
      createMockListing({
        brokerageId: 'brokerage-backfill',
        title: `Listing ${n} from last spring`,
        createdAt: `2026-04-0${n}T10:00:00.000Z`,
        updatedAt: `2026-04-0${n}T10:00:00.000Z`,
      }),
    );
    const elsewhere = createMockListing({ brokerageId: 'brokerage-elsewhere' });
    for (const listing of [...earlier, elsewhere]) await listings.create(listing);
    const deps = { listings, activity: createActivityStore(service), clock };

    expect(await feedExistingListings('brokerage-backfill', deps)).toEqual({ fed: 3, already: 0 });
    expect(await feedExistingListings('brokerage-backfill', deps)).toEqual({ fed: 0, already: 3 });

    // A device with a cursor from before listings were synced receives each of them once.
    const agent = createMockActor({ agentId: 'agent-ada-okafor', brokerageId: 'brokerage-backfill' });
    const page = await syncChanges(agent, { since: 'p0', limit: 100 }, { feed: createChangeFeed(service) });
    expect(page.changes.map((c) => c.id).sort()).toEqual(earlier.map((l) => l.listingId).sort());
    expect(page.changes.map((c) => c.position).sort()).toEqual([1, 2, 3]);
    expect(page.changes.every((c) => c.op === 'upsert' && c.changedAt === '2026-12-02T09:00:00.000Z')).toBe(
      true,
    );
    expect(page.changes.find((c) => c.id === earlier[0]?.listingId)?.data).toEqual(earlier[0]);
    expect(page).toMatchObject({ nextCursor: 'p0l3', hasMore: false });
  });
});
