import { randomBytes } from 'node:crypto';
import type { Clock } from '../../ports/clock';
import type { UnsubscribeTokens } from '../../ports/unsubscribe-tokens';
import { isConditionFailure } from './condition-failure';
import type { CrmService } from './service';

/** 24 random bytes: unguessable, and short enough for a link. */
const newToken = () => randomBytes(24).toString('base64url');

/**
 * Unsubscribe tokens in the single table, one per brokerage and hashed contact point: made by a
 * conditional put, so two sends racing for a new address still share one token.
 */
export const createUnsubscribeTokenStore = (service: CrmService, clock: Clock): UnsubscribeTokens => {
  const { unsubscribeLink } = service.entities;

  const cover = async (brokerageId: string, contactHash: string, held: string[], leadIds: string[]) => {
    const missing = leadIds.filter((id) => !held.includes(id));
    if (missing.length > 0)
      await unsubscribeLink.update({ brokerageId, contactHash }).add({ leadIds: missing }).go();
  };

  return {
    async issue(brokerageId, contactHash, leadIds) {
      const { data } = await unsubscribeLink.get({ brokerageId, contactHash }).go({ consistent: true });
      if (data) {
        await cover(brokerageId, contactHash, data.leadIds ?? [], leadIds);
        return data.token;
      }
      const token = newToken();
      try {
        await unsubscribeLink
          .create({
            brokerageId,
            contactHash,
            token,
            ...(leadIds.length > 0 && { leadIds }),
            createdAt: clock.now().toISOString(),
          })
          .go();
        return token;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        // Another send made it first: use that token.
        const { data: made } = await unsubscribeLink
          .get({ brokerageId, contactHash })
          .go({ consistent: true });
        if (!made) throw error;
        await cover(brokerageId, contactHash, made.leadIds ?? [], leadIds);
        return made.token;
      }
    },

    async find(token) {
      const { data } = await unsubscribeLink.query.byToken({ token }).go({ limit: 1 });
      const [item] = data;
      return item
        ? { brokerageId: item.brokerageId, contactHash: item.contactHash, leadIds: item.leadIds ?? [] }
        : undefined;
    },
  };
};
