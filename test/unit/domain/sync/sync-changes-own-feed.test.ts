import { beforeEach, describe, expect, it } from 'vitest';
import { GoneError } from '../../../../lambdas/domain/errors';
import { syncChanges } from '../../../../lambdas/domain/sync/sync-changes';
import { listingsFeedOf } from '../../../../lambdas/ports/change-feed';
import {
  createMockActor,
  createMockInteraction,
  createMockLead,
  DEFAULT_BROKERAGE_ID,
} from '../../../helpers/factories';
import {
  createInMemoryChangeFeed,
  createMockListing,
  type InMemoryChangeFeed,
} from '../../../helpers/in-memory-change-feed';

const dana = createMockActor();
const omar = createMockActor({ agentId: 'agent-omar-haddad', email: 'omar.haddad@example.com' });
const listingsFeed = listingsFeedOf(DEFAULT_BROKERAGE_ID);

const at = (minute: number) => `2026-03-02T14:${String(minute).padStart(2, '0')}:00.000Z`;

let feed: InMemoryChangeFeed;

const leadChange = (minute: number, lead = createMockLead({ updatedAt: at(minute) })) => {
  feed.record(dana.agentId, { kind: 'lead', entityId: lead.leadId, changedAt: at(minute) }, lead);
  return lead;
};

const listingChange = (minute: number, listing = createMockListing({ updatedAt: at(minute) })) => {
  feed.record(listingsFeed, { kind: 'listing', entityId: listing.listingId, changedAt: at(minute) }, listing);
  return listing;
};

const sync = (limit: number, since?: string) =>
  syncChanges(dana, { limit, ...(since && { since }) }, { feed });

describe('syncChanges of the agent’s own feed', () => {
  beforeEach(() => {
    feed = createInMemoryChangeFeed();
  });

  it('names each lead as it is now, and each timeline entry with the lead it belongs to', async () => {
    const lead = leadChange(1);
    const note = createMockInteraction({ leadId: lead.leadId, occurredAt: at(2) });
    feed.record(
      dana.agentId,
      { kind: 'interaction', entityId: note.interactionId, leadId: lead.leadId, changedAt: at(2) },
      note,
    );

    const { changes } = await sync(10);

    expect(changes).toEqual([
      { position: 1, kind: 'lead', id: lead.leadId, op: 'upsert', changedAt: at(1), data: lead },
      {
        position: 2,
        kind: 'interaction',
        id: note.interactionId,
        leadId: lead.leadId,
        op: 'upsert',
        changedAt: at(2),
        data: note,
      },
    ]);
  });

  it('turns a lead being erased into a tombstone, showing none of it', async () => {
    const lead = leadChange(1);
    feed.record(
      dana.agentId,
      { kind: 'lead', entityId: lead.leadId, changedAt: at(2) },
      { ...lead, erasing: true },
    );

    const { changes } = await sync(10);

    expect(changes.map((c) => [c.position, c.op, c.data])).toEqual([
      [1, 'delete', undefined],
      [2, 'delete', undefined],
    ]);
  });

  it('shows a lead without its erase marker while it is not being erased', async () => {
    const lead = leadChange(1);
    feed.record(
      dana.agentId,
      { kind: 'lead', entityId: lead.leadId, changedAt: at(2) },
      { ...lead, erasing: false },
    );

    const { changes } = await sync(10);

    expect(changes.map((c) => c.data)).toEqual([lead, lead]);
  });

  it('turns a lead handed to another agent into a tombstone in the old agent’s feed', async () => {
    const lead = leadChange(1);
    feed.record(
      dana.agentId,
      { kind: 'lead', entityId: lead.leadId, changedAt: at(2) },
      { ...lead, agentId: omar.agentId, version: 2 },
    );

    const { changes } = await sync(10);

    expect(changes.map((c) => c.op)).toEqual(['delete', 'delete']);
    expect(changes.every((c) => c.data === undefined)).toBe(true);
  });

  it('keeps a removal a tombstone even when the item is back by now', async () => {
    const listing = listingChange(1);
    feed.record(listingsFeed, { kind: 'listing', entityId: listing.listingId, changedAt: at(2) }, undefined);
    listingChange(3, listing);

    const { changes } = await sync(10);

    expect(changes.map((c) => c.op)).toEqual(['upsert', 'delete', 'upsert']);
  });

  it('puts the agent’s own change first when a listing changed at the same moment', async () => {
    const listing = listingChange(5);
    const lead = leadChange(5);

    const { changes } = await sync(1);

    expect(changes.map((c) => c.id)).toEqual([lead.leadId]);
    const rest = await sync(1, (await sync(1)).nextCursor);
    expect(rest.changes.map((c) => c.id)).toEqual([listing.listingId]);
  });

  describe('says more follows', () => {
    it('when the agent’s own feed has more than one page', async () => {
      for (const minute of [1, 2, 3]) leadChange(minute);
      expect(await sync(2)).toMatchObject({ hasMore: true, nextCursor: 'p2l0' });
    });

    it('when the listings feed has more than one page', async () => {
      for (const minute of [1, 2, 3]) listingChange(minute);
      expect(await sync(2)).toMatchObject({ hasMore: true, nextCursor: 'p0l2' });
    });

    it('when the agent’s own change read is left for the next page', async () => {
      listingChange(1);
      listingChange(2);
      leadChange(3);
      expect(await sync(2)).toMatchObject({ hasMore: true, nextCursor: 'p0l2' });
    });

    it('when a listing change read is left for the next page', async () => {
      leadChange(1);
      leadChange(2);
      listingChange(3);
      expect(await sync(2)).toMatchObject({ hasMore: true, nextCursor: 'p2l0' });
    });

    it('and not when the page holds the last of both', async () => {
      leadChange(1);
      listingChange(2);
      expect(await sync(2)).toMatchObject({ hasMore: false, nextCursor: 'p1l1' });
    });
  });

  it('names the cursor that is too old in its 410', async () => {
    for (const minute of [1, 2, 3]) leadChange(minute);
    feed.expireThrough(dana.agentId, 2);

    const refused = sync(10, 'p1l0');

    await expect(refused).rejects.toBeInstanceOf(GoneError);
    await expect(refused).rejects.toMatchObject({
      message: 'This sync cursor is older than the changes kept; load everything again',
      extensions: { since: 'p1l0' },
    });
  });
});
