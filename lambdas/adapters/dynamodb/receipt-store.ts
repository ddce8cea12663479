import { createHash } from 'node:crypto';
import { StaleVersionError } from '../../domain/errors';
import type { Clock } from '../../ports/clock';
import type { LeadActivity, Receipt, ReceiptStore } from '../../ports/receipts';
import { isConditionFailure } from './condition-failure';
import { checkLeadAlive, leadAtVersion, refusalOf } from './lead-guard';
import type { CrmService } from './service';

const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

/**
 * Receipt keys name numbers (`wa_id`s) and wamids, which encode the number: only their SHA-256 is stored,
 * so an erased lead's number survives in no receipt, while a repeat still finds its receipt.
 */
const storedKey = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * Receipts in the single table, and the transaction that writes a delivery's effects with its receipt.
 * A receipt counts as held until its `expiresAt`, whether or not TTL has removed it yet (TTL can lag by days).
 */
export const createReceiptStore = (service: CrmService, clock: Clock): ReceiptStore => {
  const { receipt } = service.entities;

  const itemFor = ({ scope, key, ttlSeconds }: Receipt) => {
    const now = clock.now();
    return {
      scope,
      key: storedKey(key),
      createdAt: now.toISOString(),
      expiresAt: epochSeconds(now) + ttlSeconds,
    };
  };

  /** Absent, or expired (from its `expiresAt` second on, as `has` sees it): the only states a receipt may be taken in. */
  const unheld = (
    attr: { scope: string; expiresAt: number },
    op: { notExists: (a: string) => string; lte: (a: number, v: number) => string },
  ) => `${op.notExists(attr.scope)} OR ${op.lte(attr.expiresAt, epochSeconds(clock.now()))}`;

  return {
    async has(scope, key) {
      const { data } = await receipt.get({ scope, key: storedKey(key) }).go();
      return data !== null && data.expiresAt > epochSeconds(clock.now());
    },

    async claim(held) {
      try {
        await receipt.put(itemFor(held)).where(unheld).go();
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async release(scope, key) {
      await receipt.delete({ scope, key: storedKey(key) }).go();
    },

    async commit(activity: LeadActivity) {
      const { lead, interactions = [], events = [], refs = [] } = activity;
      if (lead && (lead.previous.phone !== lead.next.phone || lead.previous.email !== lead.next.email)) {
        // Contact changes move claims; only the lead repository's update does that.
        throw new Error('A lead activity cannot change the lead’s phone or email');
      }
      // Items in a lead's partition (or pointing at it) are written only while it is alive: with the lead's own
      // guarded put, or else with a check on it, so an erase under way leaves no orphan behind.
      const checked = lead
        ? []
        : [...new Set([...interactions, ...events, ...refs].map((item) => item.leadId))];
      const result = await service.transaction
        .write(({ receipt: r, lead: l, interaction: i, leadEvent: e, messageRef: m }) => [
          ...(activity.receipt ? [r.put(itemFor(activity.receipt)).where(unheld).commit()] : []),
          ...(lead ? [l.put(lead.next).where(leadAtVersion(lead.previous.version)).commit()] : []),
          ...checked.map((leadId) => checkLeadAlive(l, leadId)),
          ...interactions.map((interaction) => i.create(interaction).commit()),
          ...events.map((event) => e.create(event).commit()),
          ...refs.map((ref) => m.put(ref).commit()),
        ])
        .go();
      if (!result.canceled) return true;

      // ElectroDB reports one cancellation reason per item, in the order the items were given.
      const codes = (result.data as ReadonlyArray<{ code?: string }>).map((item) => item.code ?? 'None');
      const offset = activity.receipt ? 1 : 0;
      if (activity.receipt && codes[0] === 'ConditionalCheckFailed') return false;
      const guarded = lead ? [lead.previous.leadId] : checked;
      const refused = guarded.findIndex((_, index) => codes[offset + index] === 'ConditionalCheckFailed');
      // The lead changed since it was read (retry on the fresh lead), or it is gone or going (LeadGoneError).
      if (refused >= 0) throw await refusalOf(service, guarded[refused] as string);
      if (codes.includes('TransactionConflict')) throw new StaleVersionError();
      throw new Error(`Writing the lead's activity was cancelled (${codes.join(', ')})`);
    },
  };
};
