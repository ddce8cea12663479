import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChangeFeed } from '../../../lambdas/adapters/dynamodb/change-feed';
import { createDocumentClient } from '../../../lambdas/adapters/dynamodb/document-client';
import { createListingRepository } from '../../../lambdas/adapters/dynamodb/listing-repository';
import { type CrmService, createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import { syncChanges } from '../../../lambdas/domain/sync/sync-changes';
import type { StreamPoller } from '../../../lib/local/stream-poller';
import { startTestActivity } from '../../helpers/activity';
import { scanTable } from '../../helpers/dynamodb';
import { createMockActor } from '../../helpers/factories';
import { agent1, agent2, type Json, startTestApi, type TestApi } from '../../helpers/local-api';

let api: TestApi;
let activity: StreamPoller;
let crm: CrmService;

type Agent = typeof agent1;

const newLead = (n: number) => ({
  name: `Listing Sync Lead ${n}`,
  phone: `+1 212 555 01${String(n).padStart(2, '0')}`,
  source: 'website',
});

const townhouse = {
  title: '3-bed townhouse in Riverside',
  price: 450000,
  currency: 'USD',
  beds: 3,
  address: '12 Oak Lane, Riverside',
  photoUrls: ['https://img.example.com/oak-1.jpg'],
};

/** Pages through an agent's sync from a cursor to its end. */
const readAll = async (since: string | undefined, as: Agent, limit = 2) => {
  const changes: Json[] = [];
  let cursor = since;
  for (;;) {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor && { since: cursor }) });
    const page = await api.call('GET', `/sync?${query}`, { as });
    expect(page.status).toBe(200);
    expect(page.body.changes.length).toBeLessThanOrEqual(limit);
    changes.push(...page.body.changes);
    cursor = page.body.nextCursor;
    if (!page.body.hasMore) return { changes, cursor };
  }
};

const created = async (as: Agent, n: number) => {
  const res = await api.call('POST', '/leads', { as, body: newLead(n) });
  expect(res.status).toBe(201);
  return res.body.leadId as string;
};

const patchListing = async (listingId: string, body: Json) => {
  const res = await api.call('PATCH', `/listings/${listingId}`, { as: agent2, body });
  expect(res.status).toBe(200);
};

const listingsOf = (changes: Json[]) =>
  changes.filter((c) => c.kind === 'listing').map((c) => `${c.id}:${c.op}`);
const ownPositions = (changes: Json[]) => changes.filter((c) => c.kind !== 'listing').map((c) => c.position);

describe('GET /sync with the brokerage listings', () => {
  beforeAll(async () => {
    api = await startTestApi();
    activity = await startTestActivity(api.tableName);
    crm = createCrmService(
      createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT }),
      api.tableName,
    );
  }, 60_000);
  afterAll(async () => {
    await activity?.stop();
    await api?.close();
  });

  it('gives both agents each listing created, updated, withdrawn and removed exactly once, beside their own leads', async () => {
    // A cursor handed out before listings were synced: `p<n>`.
    const before = await created(agent1, 1);
    await activity.drained();
    const early = await readAll(undefined, agent1, 100);
    expect(early.changes.some((c) => c.kind === 'lead' && c.id === before)).toBe(true);
    const oldCursor = `p${Math.max(...ownPositions(early.changes))}`;

    // Agent 2 pages while the changes land; agent 1 reads everything afterwards.
    const seenBy2: Json[] = [];
    let cursor2: string | undefined;
    const pageFor2 = async () => {
      const page = await api.call('GET', `/sync?limit=2${cursor2 ? `&since=${cursor2}` : ''}`, {
        as: agent2,
      });
      expect(page.status).toBe(200);
      seenBy2.push(...page.body.changes);
      cursor2 = page.body.nextCursor;
    };

    const house = await api.call('POST', '/listings', { as: agent1, body: townhouse });
    expect(house.status).toBe(201);
    const houseId = house.body.listingId as string;
    const leads1 = [before, await created(agent1, 2)];
    const leads2 = [await created(agent2, 3)];
    await pageFor2();
    await patchListing(houseId, { price: 435000 });
    leads1.push(await created(agent1, 4));
    await pageFor2();
    await patchListing(houseId, { status: 'withdrawn' });
    leads2.push(await created(agent2, 5));
    const flat = await api.call('POST', '/listings', {
      as: agent2,
      body: { ...townhouse, title: '2-bed flat by the park', beds: 2 },
    });
    const flatId = flat.body.listingId as string;
    await pageFor2();
    // Removed from the table outright (no route does it; an operator's clean-up can): a tombstone.
    await crm.entities.listing.delete({ listingId: flatId }).go();
    // Another brokerage's listing in the same table.
    const foreign = {
      ...house.body,
      listingId: '01JDZZZZZZZZZZZZZZZZZZZZZZ',
      brokerageId: 'other-brokerage',
      title: 'Harbor view loft',
    };
    await createListingRepository(crm).create(foreign);
    await activity.drained();
    const rest2 = await readAll(cursor2, agent2);
    seenBy2.push(...rest2.changes);
    const all1 = await readAll(undefined, agent1);

    const expected = [
      `${houseId}:upsert`,
      `${houseId}:upsert`,
      `${houseId}:upsert`,
      `${flatId}:delete`,
      `${flatId}:delete`,
    ];
    for (const [changes, mine] of [
      [all1.changes, leads1],
      [seenBy2, leads2],
    ] as const) {
      expect(listingsOf(changes)).toEqual(expected);
      expect(changes.filter((c) => c.kind === 'listing').map((c) => c.position)).toEqual([1, 2, 3, 4, 5]);
      // Their own changes, each once, in their own order, and no one else's.
      const own = ownPositions(changes);
      expect(own).toEqual(own.map((_, i) => i + 1));
      const leadIds = new Set(changes.filter((c) => c.kind === 'lead').map((c) => c.id));
      expect([...leadIds].sort()).toEqual([...mine].sort());
      expect(JSON.stringify(changes)).not.toContain(foreign.listingId);
    }
    // A listing's change carries the listing as GET /listings/{id} shows it: withdrawn by now.
    const shown = await api.call('GET', `/listings/${houseId}`, { as: agent2 });
    expect(shown.body).toMatchObject({ status: 'withdrawn', price: 435000, version: 3 });
    for (const change of all1.changes.filter((c) => c.kind === 'listing' && c.op === 'upsert'))
      expect(change.data).toEqual(shown.body);

    // The old cursor goes on with agent 1's own changes and reads the listings from their first change.
    const fromOld = await readAll(oldCursor, agent1);
    expect(listingsOf(fromOld.changes)).toEqual(expected);
    expect(fromOld.changes.some((c) => c.id === before)).toBe(false);
    expect(fromOld.cursor).toBe(all1.cursor);

    // One feed entry per listing change for the whole brokerage, none in an agent's own feed.
    const entries = (await scanTable(api.tableName)).filter((i) => i.__edb_e__ === 'changeFeedEntry');
    const listingEntries = entries.filter((i) => i.kind === 'listing');
    expect(listingEntries.map((i) => i.agentId).sort()).toEqual([
      'listings#demo-brokerage',
      'listings#demo-brokerage',
      'listings#demo-brokerage',
      'listings#demo-brokerage',
      'listings#demo-brokerage',
      'listings#other-brokerage',
    ]);
  }, 180_000);

  it("shows an agent of another brokerage only that brokerage's listings", async () => {
    await activity.drained();
    const theirAgent = createMockActor({ agentId: 'agent-kim-park', brokerageId: 'other-brokerage' });
    const page = await syncChanges(theirAgent, { limit: 100 }, { feed: createChangeFeed(crm) });
    expect(page.changes.map((c) => `${c.kind}:${c.id}:${c.op}`)).toEqual([
      'listing:01JDZZZZZZZZZZZZZZZZZZZZZZ:upsert',
    ]);
    expect(page.changes[0]?.data).toMatchObject({
      title: 'Harbor view loft',
      brokerageId: 'other-brokerage',
    });
  });

  it('documents listing changes and the two-position cursor in /openapi.json', async () => {
    const doc = (await api.call('GET', '/openapi.json', { as: null })).body;
    const change = doc.components.schemas.SyncChange;
    expect(change.properties.kind.enum).toContain('listing');
    expect(JSON.stringify(change.properties.data)).toContain('#/components/schemas/Listing');
    expect(doc.components.schemas.SyncPage.properties.nextCursor.description).toMatch(/listings feed/);
    const since = doc.paths['/sync'].get.parameters.find((p: Json) => p.name === 'since');
    expect(since.description ?? since.schema.description).toMatch(/`p<n>` cursor still works/);
  });
});
