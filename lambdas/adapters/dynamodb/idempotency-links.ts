import { isConditionFailure } from './condition-failure';
import { checkLeadAlive } from './lead-guard';
import type { CrmService } from './service';

/** What a stored answer about an erased lead becomes: a replay is told the lead is gone, and nothing else. */
export const ERASED_ANSWER = { erased: true } as const;

export const isErasedAnswer = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && (value as { erased?: unknown }).erased === true;

/** The idempotency records that hold answers about a lead, so its erase can empty them. */
export interface IdempotencyLinks {
  /** Notes that the record under `recordKey` answers about the lead; false, writing nothing, if it is gone or going. */
  link(leadId: string, recordKey: string, expiresAt: number, now: Date): Promise<boolean>;
  /** True while the lead exists and no erase has begun. */
  isAlive(leadId: string): Promise<boolean>;
  /** Replaces every linked record's answer with ERASED_ANSWER and removes the links; safe to repeat. */
  forgetLead(leadId: string): Promise<void>;
}

export const createIdempotencyLinks = (service: CrmService): IdempotencyLinks => {
  const { idempotencyLink, idempotencyRecord, lead } = service.entities;
  return {
    async link(leadId, recordKey, expiresAt, now) {
      const result = await service.transaction
        .write(({ lead: leadItem, idempotencyLink: l }) => [
          checkLeadAlive(leadItem, leadId),
          l.put({ leadId, recordKey, expiresAt, createdAt: now.toISOString() }).commit(),
        ])
        .go();
      return !result.canceled;
    },

    async isAlive(leadId) {
      const { data } = await lead.get({ leadId }).go({ consistent: true });
      return data !== null && !data.erasing;
    },

    async forgetLead(leadId) {
      // Bounded like the rest of the erase: a partition that will not empty fails it, and a retry finishes.
      for (let round = 0; round < 1_000; round++) {
        const { data: links } = await idempotencyLink.query
          .byLead({ leadId })
          .go({ limit: 25, consistent: true });
        if (links.length === 0) return;
        for (const { recordKey } of links) {
          await idempotencyRecord
            .patch({ recordKey })
            .set({ data: ERASED_ANSWER })
            .go()
            .catch((error: unknown) => {
              // Already expired and removed by TTL: nothing left to empty.
              if (!isConditionFailure(error)) throw error;
            });
        }
        await idempotencyLink.delete(links).go();
      }
      throw new Error('The lead’s idempotency links did not empty; erase again to finish');
    },
  };
};
