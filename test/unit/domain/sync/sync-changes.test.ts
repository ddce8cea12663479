import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../../lambdas/domain/actor';
import { GoneError, ValidationError } from '../../../../lambdas/domain/errors';
import { syncChanges } from '../../../../lambdas/domain/sync/sync-changes';
import { listingsFeedOf } from '../../../../lambdas/ports/change-feed';
import type { SyncChange } from '../../../../schemas/api/sync';
import { createMockActor, createMockLead, DEFAULT_BROKERAGE_ID } from '../../../helpers/factories';
import {
  createInMemoryChangeFeed,
  createMockListing,
  type InMemoryChangeFeed,
} from '../../../helpers/in-memory-change-feed';

const dana = createMockActor({ agentId: 'agent-dana-lee', email: 'dana.lee@example.com' });
const omar = createMockActor({ agentId: 'agent-omar-haddad', email: 'omar.haddad@example.com' });
const otherBrokerage = createMockActor({
  agentId: 'agent-kim-park',
  brokerageId: 'brokerage-harbor',
  email: 'kim.park@example.com',
});
const listingsFeed = listingsFeedOf(DEFAULT_BROKERAGE_ID);

/** A minute after 14:00 on the fixture day: the order changes happened in. */
const at = (minute: number) => `2026-03-02T14:${String(minute).padStart(2, '0')}:00.000Z`;

let feed: InMemoryChangeFeed;

const leadChange = (agent: Actor, minute: number) => {
  const lead = createMockLead({ agentId: agent.agentId, updatedAt: at(minute) });
  feed.record(agent.agentId, { kind: 'lead', entityId: lead.leadId, changedAt: at(minute) }, lead);
  return lead;
};

const listingChange = (minute: number, listing = createMockListing({ updatedAt: at(minute) })) => {
  feed.record(listingsFeed, { kind: 'listing', entityId: listing.listingId, changedAt: at(minute) }, listing);
  return listing;
};

/** Every page from a cursor to the end, `limit` at a time. */
const readAll = async (actor: Actor, since?: string, limit = 2) => {
  const changes: SyncChange[] = [];
  const pages: number[] = [];
  let cursor = since;
  for (;;) {
    const page = await syncChanges(actor, { limit, ...(cursor && { since: cursor }) }, { feed });
    changes.push(...page.changes);
    pages.push(page.changes.length);
    cursor = page.nextCursor;
    if (!page.hasMore) return { changes, cursor, pages };
  }
};

const ids = (changes: SyncChange[]) => changes.map((change) => `${change.kind}:${change.id}:${change.op}`);

describe('syncChanges with the brokerage listings', () => {
  beforeEach(() => {
    feed = createInMemoryChangeFeed();
  });

  it('gives every agent of the brokerage each listing change once, interleaved with their own by time', async () => {
    const first = leadChange(dana, 1);
    const house = listingChange(2);
    const mine = leadChange(omar, 3);
    const second = leadChange(dana, 4);
    const cut = listingChange(5, { ...house, price: 615_000, version: 2, updatedAt: at(5) });
    listingChange(6, { ...cut, status: 'withdrawn', version: 3, updatedAt: at(6) });

    const forDana = await readAll(dana);
    expect(ids(forDana.changes)).toEqual([
      `lead:${first.leadId}:upsert`,
      `listing:${house.listingId}:upsert`,
      `lead:${second.leadId}:upsert`,
      `listing:${house.listingId}:upsert`,
      `listing:${house.listingId}:upsert`,
    ]);
    expect(forDana.pages.every((size) => size <= 2)).toBe(true);
    // Each listing change shows the listing as it is now: withdrawn.
    expect(forDana.changes.filter((c) => c.kind === 'listing').map((c) => c.position)).toEqual([1, 2, 3]);
    expect(forDana.changes.find((c) => c.kind === 'listing')?.data).toEqual({
      ...house,
      status: 'withdrawn',
      price: 615_000,
      version: 3,
      updatedAt: at(6),
    });

    const forOmar = await readAll(omar);
    expect(ids(forOmar.changes)).toEqual([
      `listing:${house.listingId}:upsert`,
      `lead:${mine.leadId}:upsert`,
      `listing:${house.listingId}:upsert`,
      `listing:${house.listingId}:upsert`,
    ]);
    expect(forDana.cursor).toBe('p2l3');
    expect(forOmar.cursor).toBe('p1l3');
  });

  it('goes on from the cursor in both feeds, with the same cursor when nothing changed', async () => {
    leadChange(dana, 1);
    listingChange(2);
    const { cursor } = await readAll(dana);
    const later = listingChange(7);
    const lead = leadChange(dana, 8);
    const next = await readAll(dana, cursor, 10);
    expect(ids(next.changes)).toEqual([`listing:${later.listingId}:upsert`, `lead:${lead.leadId}:upsert`]);
    const idle = await syncChanges(dana, { since: next.cursor, limit: 10 }, { feed });
    expect(idle).toEqual({ changes: [], nextCursor: next.cursor, hasMore: false });
  });

  it('fills a page from one feed when the other has nothing more, never over the limit', async () => {
    for (const minute of [1, 2, 3]) listingChange(minute);
    leadChange(dana, 9);
    const page = await syncChanges(dana, { limit: 2 }, { feed });
    expect(page.changes.map((c) => c.kind)).toEqual(['listing', 'listing']);
    expect(page).toMatchObject({ nextCursor: 'p0l2', hasMore: true });
    const rest = await syncChanges(dana, { since: page.nextCursor, limit: 2 }, { feed });
    expect(rest.changes.map((c) => c.kind)).toEqual(['listing', 'lead']);
    expect(rest).toMatchObject({ nextCursor: 'p1l3', hasMore: false });
  });

  it('turns a listing removed from the table into a tombstone', async () => {
    const house = listingChange(1);
    feed.record(listingsFeed, { kind: 'listing', entityId: house.listingId, changedAt: at(2) }, undefined);
    const { changes } = await readAll(dana);
    // The first entry names a listing that is gone by now: it is a tombstone too.
    expect(changes).toEqual([
      expect.objectContaining({ kind: 'listing', id: house.listingId, op: 'delete', position: 1 }),
      expect.objectContaining({ kind: 'listing', id: house.listingId, op: 'delete', position: 2 }),
    ]);
    expect(changes.every((change) => change.data === undefined)).toBe(true);
  });

  it("never shows another brokerage's listings", async () => {
    listingChange(1);
    const theirs = createMockListing({ brokerageId: otherBrokerage.brokerageId });
    feed.record(
      listingsFeedOf(otherBrokerage.brokerageId),
      { kind: 'listing', entityId: theirs.listingId, changedAt: at(2) },
      theirs,
    );
    const { changes } = await readAll(otherBrokerage);
    expect(ids(changes)).toEqual([`listing:${theirs.listingId}:upsert`]);
  });

  it("shows no data of a listing that is not the brokerage's, even if its feed names it", async () => {
    const theirs = createMockListing({ brokerageId: otherBrokerage.brokerageId });
    feed.record(listingsFeed, { kind: 'listing', entityId: theirs.listingId, changedAt: at(1) }, theirs);
    const { changes } = await readAll(dana);
    expect(changes).toEqual([expect.objectContaining({ id: theirs.listingId, op: 'delete' })]);
    expect(changes[0]?.data).toBeUndefined();
  });

  it('reads listings from their first change for a cursor given out before listings were synced', async () => {
    leadChange(dana, 1);
    const second = leadChange(dana, 2);
    const house = listingChange(3);
    const { changes, cursor } = await readAll(dana, 'p1');
    expect(ids(changes)).toEqual([`lead:${second.leadId}:upsert`, `listing:${house.listingId}:upsert`]);
    expect(cursor).toBe('p2l1');
  });

  describe('a cursor older than the changes kept', () => {
    beforeEach(() => {
      for (const minute of [1, 2, 3]) leadChange(dana, minute);
      for (const minute of [4, 5, 6]) listingChange(minute);
    });

    it("is a 410 when the agent's own changes after it have expired", async () => {
      feed.expireThrough(dana.agentId, 2);
      await expect(syncChanges(dana, { since: 'p1l3', limit: 10 }, { feed })).rejects.toThrow(GoneError);
      await expect(syncChanges(dana, { since: 'p2l3', limit: 10 }, { feed })).resolves.toMatchObject({
        changes: [expect.objectContaining({ kind: 'lead', position: 3 })],
      });
    });

    it('is a 410 when the listing changes after it have expired', async () => {
      feed.expireThrough(listingsFeed, 2);
      await expect(syncChanges(dana, { since: 'p3l1', limit: 10 }, { feed })).rejects.toThrow(GoneError);
      // A cursor from before listings were synced needs every one of them: it is too old as well.
      await expect(syncChanges(dana, { since: 'p3', limit: 10 }, { feed })).rejects.toThrow(GoneError);
      await expect(syncChanges(dana, { since: 'p3l2', limit: 10 }, { feed })).resolves.toMatchObject({
        changes: [expect.objectContaining({ kind: 'listing', position: 3 })],
      });
    });

    it('is a 410 when the changes right after a start position have expired', async () => {
      // A device that read nothing of a feed (it was empty then) expects its first entry.
      feed.expireThrough(listingsFeed, 1);
      await expect(syncChanges(dana, { since: 'p3l0', limit: 10 }, { feed })).rejects.toThrow(GoneError);
      feed.expireThrough(dana.agentId, 1);
      await expect(syncChanges(dana, { since: 'p0l3', limit: 10 }, { feed })).rejects.toThrow(GoneError);
    });

    it('is never what a first sync gets: it starts from what is kept', async () => {
      feed.expireThrough(dana.agentId, 1);
      feed.expireThrough(listingsFeed, 1);
      const { changes, cursor } = await readAll(dana, undefined, 10);
      expect(changes.map((c) => `${c.kind}@${c.position}`)).toEqual([
        'lead@2',
        'lead@3',
        'listing@2',
        'listing@3',
      ]);
      expect(cursor).toBe('p3l3');
    });
  });

  it('refuses a cursor it never gave, naming the field', async () => {
    for (const since of ['yesterday', 'l3', 'p1l', 'p-1l2', 'p1l2l3']) {
      const refused = syncChanges(dana, { since, limit: 10 }, { feed });
      await expect(refused).rejects.toThrow(ValidationError);
      await expect(refused).rejects.toMatchObject({ issues: [expect.objectContaining({ field: 'since' })] });
    }
  });
});
