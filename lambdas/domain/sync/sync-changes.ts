import type { SyncChange, SyncPage, SyncQuery } from '../../../schemas/api/sync';
import { type ChangeFeed, feedKey } from '../../ports/change-feed';
import type { Actor } from '../actor';
import { GoneError, ValidationError } from '../errors';

export interface SyncDeps {
  feed: ChangeFeed;
}

const CURSOR = /^p(\d{1,12})$/;

const positionOf = (since: string | undefined): number => {
  if (since === undefined) return 0;
  const match = CURSOR.exec(since);
  if (!match)
    throw new ValidationError([{ field: 'since', message: 'must be a cursor this endpoint returned' }]);
  return Number(match[1]);
};

/** The item as the app stores it: a lead's erase marker is never shown. */
const shown = ({ erasing: _erasing, ...item }: Record<string, unknown>) => item;

/**
 * `GET /sync?since=`: what changed of the agent's (leads, tasks, timeline entries) after the cursor,
 * in feed order, each change exactly once across pages. Each names the item as it is now, or is a
 * tombstone when it is gone (an erased lead leaves its id and nothing else). A cursor older than the
 * feed keeps is a 410: load everything again.
 * Flow: cursor → one Query of the agent's feed → the named items in batch reads → the page.
 */
export const syncChanges = async (actor: Actor, query: SyncQuery, deps: SyncDeps): Promise<SyncPage> => {
  const since = positionOf(query.since);
  const { entries, hasMore } = await deps.feed.after(actor.agentId, since, query.limit);
  // Positions are dense: a gap right after the cursor means the entries it expected have expired.
  if (since > 0 && entries[0] && entries[0].position !== since + 1) {
    throw new GoneError('This sync cursor is older than the changes kept; load everything again', {
      since: query.since,
    });
  }
  const items = await deps.feed.current(entries);
  const changes = entries.map((entry): SyncChange => {
    const item = entry.op === 'upsert' ? items.get(feedKey(entry)) : undefined;
    // Gone since, erasing, or no longer the agent's: the app drops it.
    const owned =
      item !== undefined &&
      item.erasing !== true &&
      (entry.kind === 'interaction' || item.agentId === undefined || item.agentId === actor.agentId);
    return {
      position: entry.position,
      kind: entry.kind,
      id: entry.entityId,
      ...(entry.leadId && { leadId: entry.leadId }),
      op: owned ? 'upsert' : 'delete',
      changedAt: entry.changedAt,
      ...(owned && { data: shown(item) }),
    };
  });
  const last = entries.at(-1)?.position ?? since;
  return { changes, nextCursor: `p${last}`, hasMore };
};
