import { describe, expect, it } from 'vitest';
import { feedExistingListings } from '../../../../lambdas/domain/sync/feed-existing-listings';
import type { ActivityStore, ActivityWrite } from '../../../../lambdas/ports/activity-store';
import { fixedClock } from '../../../../lambdas/ports/clock';
import { createInMemoryListings, createMockListing } from '../listings/listing-world';

/** The activity store's write: a receipt already kept (three days, in the table) makes it a duplicate. */
const activityStore = () => {
  const writes: ActivityWrite[] = [];
  const receipts = new Set<string>();
  const activity: Pick<ActivityStore, 'write'> = {
    async write(change) {
      writes.push(structuredClone(change));
      if (receipts.has(change.receiptId)) return 'duplicate';
      receipts.add(change.receiptId);
      return 'written';
    },
  };
  return { activity, writes, receipts };
};

const world = async (count: number, brokerageId = 'brokerage-riverside') => {
  const listings = createInMemoryListings();
  for (let n = 1; n <= count; n++) {
    await listings.create(
      createMockListing({
        listingId: `01JD7Q3M2Y9V1X8K4T6R${String(n).padStart(6, '0')}`,
        brokerageId,
        createdAt: `2026-04-01T10:${String(n % 60).padStart(2, '0')}:00.000Z`,
      }),
    );
  }
  const clock = fixedClock('2026-12-02T09:00:00.000Z');
  return { listings, clock, ...activityStore() };
};

describe('feedExistingListings', () => {
  it('gives each of the brokerage’s listings one upsert in its listings feed, stamped now', async () => {
    const deps = await world(2);
    await deps.listings.create(createMockListing({ brokerageId: 'brokerage-harbor' }));

    const fed = await feedExistingListings('brokerage-riverside', deps);

    expect(fed).toEqual({ fed: 2, already: 0 });
    const ids = [...deps.listings.stored.values()]
      .filter((l) => l.brokerageId === 'brokerage-riverside')
      .map((l) => l.listingId)
      .sort();
    expect(deps.writes.map((w) => w.feed[0]?.entityId).sort()).toEqual(ids);
    expect(deps.writes[0]).toEqual({
      receiptId: `listings-feed#${deps.writes[0]?.feed[0]?.entityId}`,
      feed: [
        {
          agentId: 'listings#brokerage-riverside',
          kind: 'listing',
          entityId: deps.writes[0]?.feed[0]?.entityId,
          op: 'upsert',
          changedAt: '2026-12-02T09:00:00.000Z',
        },
      ],
      counters: [],
      marks: [],
      at: '2026-12-02T09:00:00.000Z',
    });
  });

  it('adds nothing twice when run again while the receipts are kept', async () => {
    const deps = await world(3);
    await feedExistingListings('brokerage-riverside', deps);

    expect(await feedExistingListings('brokerage-riverside', deps)).toEqual({ fed: 0, already: 3 });
    expect(deps.receipts.size).toBe(3);
  });

  it('counts listings fed before apart from those fed now', async () => {
    const deps = await world(3);
    const [first] = [...deps.listings.stored.keys()];
    deps.receipts.add(`listings-feed#${first}`);

    expect(await feedExistingListings('brokerage-riverside', deps)).toEqual({ fed: 2, already: 1 });
  });

  it('pages through more listings than one page holds, each fed once', async () => {
    const deps = await world(205);

    expect(await feedExistingListings('brokerage-riverside', deps)).toEqual({ fed: 205, already: 0 });
    expect(new Set(deps.writes.map((w) => w.receiptId)).size).toBe(205);
  });

  it('stops after a full last page whose next page is empty', async () => {
    const deps = await world(100);

    expect(await feedExistingListings('brokerage-riverside', deps)).toEqual({ fed: 100, already: 0 });
  });

  it('feeds nothing for a brokerage with no listings', async () => {
    const deps = await world(0);

    expect(await feedExistingListings('brokerage-riverside', deps)).toEqual({ fed: 0, already: 0 });
    expect(deps.writes).toEqual([]);
  });
});
