import { createHash } from 'node:crypto';
import type { Clock } from '../../ports/clock';
import type { PendingStatus, PendingStatusStore } from '../../ports/pending-statuses';
import type { CrmService } from './service';

const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

/** A wamid embeds the recipient's number in base64: only its hash goes into the table. */
const hashOf = (wamid: string) => createHash('sha256').update(wamid).digest('base64url');

/** Pending statuses in the single table, one item per message and status, expired by TTL. */
export const createPendingStatusStore = (service: CrmService, clock: Clock): PendingStatusStore => {
  const { pendingStatus } = service.entities;
  return {
    async keep({ wamid, status, at, error }, ttlSeconds) {
      await pendingStatus
        .put({
          wamidHash: hashOf(wamid),
          status,
          at,
          ...(error !== undefined && { error }),
          expiresAt: epochSeconds(clock.now()) + ttlSeconds,
        })
        .go();
    },

    async listFor(wamid) {
      // Consistent: a status kept a moment ago must be seen by the send that lands now.
      const { data } = await pendingStatus.query
        .byWamid({ wamidHash: hashOf(wamid) })
        .go({ consistent: true, pages: 'all' });
      const now = epochSeconds(clock.now());
      return data
        .filter((item) => item.expiresAt > now)
        .map(
          ({ status, at, error }): PendingStatus => ({
            wamid,
            status,
            at,
            ...(error !== undefined && { error: error as PendingStatus['error'] }),
          }),
        );
    },

    async remove(wamid, statuses) {
      if (statuses.length === 0) return;
      const wamidHash = hashOf(wamid);
      await pendingStatus.delete(statuses.map((status) => ({ wamidHash, status }))).go();
    },
  };
};
