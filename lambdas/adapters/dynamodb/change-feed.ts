import { type ChangeFeed, type FeedEntry, feedKey } from '../../ports/change-feed';
import type { ListingItem } from './entities/listing';
import { toListing } from './listing-repository';
import type { CrmService } from './service';

type BatchGetter<K, T> = {
  get(keys: K[]): { go(options: { consistent: boolean }): Promise<{ data: T[]; unprocessed: K[] }> };
};

/** A batch get that asks again for what DynamoDB left unprocessed (a few rounds, then it fails loudly). */
const getAll = async <K, T>(entity: BatchGetter<K, T>, keys: K[]): Promise<T[]> => {
  const found: T[] = [];
  let pending = keys;
  for (let round = 0; pending.length > 0; round++) {
    if (round === 5) throw new Error('The table kept leaving keys of a batch get unprocessed');
    const { data, unprocessed } = await entity.get(pending).go({ consistent: true });
    found.push(...data);
    pending = unprocessed;
  }
  return found;
};

/** A change feed (an agent's, or a brokerage's listings): one Query after the position; the named items in batches of gets. */
export const createChangeFeed = (service: CrmService): ChangeFeed => {
  const { changeFeedEntry: entries, lead, task, interaction, listing } = service.entities;
  return {
    async after(feedId, position, limit) {
      // Consistent: a position the head has passed is already written (same transaction).
      const { data } = await entries.query
        .byAgentPosition({ agentId: feedId })
        .gt({ position })
        .go({ consistent: true, limit: limit + 1 });
      const page = (data as FeedEntry[]).slice(0, limit).map(
        ({ position: p, kind, entityId, leadId, op, changedAt }): FeedEntry => ({
          position: p,
          kind,
          entityId,
          ...(leadId && { leadId }),
          op,
          changedAt,
        }),
      );
      return { entries: page, hasMore: data.length > limit };
    },

    async current(wanted) {
      const found = new Map<string, Record<string, unknown>>();
      const upserts = wanted.filter((entry) => entry.op === 'upsert');
      const unique = <T>(items: T[], key: (item: T) => string) => [
        ...new Map(items.map((item) => [key(item), item])).values(),
      ];
      const leads = unique(
        upserts.filter((e) => e.kind === 'lead'),
        feedKey,
      ).map((e) => ({ leadId: e.entityId }));
      const tasks = unique(
        upserts.filter((e) => e.kind === 'task' && e.leadId),
        feedKey,
      ).map((e) => ({
        leadId: e.leadId as string,
        taskId: e.entityId,
      }));
      const timeline = unique(
        upserts.filter((e) => e.kind === 'interaction' && e.leadId),
        feedKey,
      ).map((e) => ({
        leadId: e.leadId as string,
        interactionId: e.entityId,
      }));
      const listings = unique(
        upserts.filter((e) => e.kind === 'listing'),
        feedKey,
      ).map((e) => ({ listingId: e.entityId }));
      const [l, t, i, li] = await Promise.all([
        getAll(lead as never, leads) as Promise<Array<Record<string, unknown> & { leadId: string }>>,
        getAll(task as never, tasks) as Promise<Array<Record<string, unknown> & { taskId: string }>>,
        getAll(interaction as never, timeline) as Promise<
          Array<Record<string, unknown> & { interactionId: string }>
        >,
        getAll(listing as never, listings) as Promise<ListingItem[]>,
      ]);
      for (const item of l) found.set(feedKey({ kind: 'lead', entityId: item.leadId }), item);
      for (const item of t) found.set(feedKey({ kind: 'task', entityId: item.taskId }), item);
      for (const item of i) found.set(feedKey({ kind: 'interaction', entityId: item.interactionId }), item);
      // As GET /listings/{id} shows it.
      for (const item of li)
        found.set(feedKey({ kind: 'listing', entityId: item.listingId }), toListing(item));
      return found;
    },
  };
};
