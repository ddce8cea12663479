import { StaleVersionError } from '../../../../lambdas/domain/errors';
import { LeadGoneError } from '../../../../lambdas/domain/leads/lead-errors';
import type { FacebookIntakeDeps, SendWhatsAppDeps } from '../../../../lambdas/domain/messaging/deps';
import type { Clock } from '../../../../lambdas/ports/clock';
import type { LeadEvent } from '../../../../lambdas/ports/lead-events';
import type { RescoreOptions } from '../../../../lambdas/ports/lead-scorer';
import type { MessageRef, MessageRefRepository } from '../../../../lambdas/ports/message-refs';
import type { LeadAdsPort, MessagingPort } from '../../../../lambdas/ports/messaging';
import type { ReceiptStore } from '../../../../lambdas/ports/receipts';
import type { ScoreTrigger } from '../../../../schemas/api/scores';
import { createInMemoryDeps, type InMemoryDeps } from '../../../helpers/in-memory-repositories';

export const BROKERAGE_ID = 'brokerage-riverside';

export type InMemoryMessagingDeps = InMemoryDeps &
  FacebookIntakeDeps &
  SendWhatsAppDeps & {
    /** Lead events recorded, oldest first. */
    events: LeadEvent[];
    /** Every rescore asked for, in order. */
    rescores: { leadId: string; trigger: ScoreTrigger; options?: RescoreOptions }[];
    /** The next commit fails as a dropped connection would, writing nothing. */
    failNextCommit(): void;
  };

const unused = (what: string) => () => {
  throw new Error(`${what} is not used by this test`);
};

/**
 * The messaging use cases' collaborators in memory, on top of the lead ones: receipts that expire with the
 * clock, refs, all-or-nothing commits guarded by the lead's version, a round-robin counter and a scorer
 * that records what it was asked.
 */
export const createInMemoryMessagingDeps = (
  clock: Clock,
  {
    messaging = {
      sendText: unused('messaging'),
      sendTemplate: unused('messaging'),
      sendMedia: unused('messaging'),
    },
    leadAds = { fetchLeadgenLead: unused('lead ads') },
  }: { messaging?: MessagingPort; leadAds?: LeadAdsPort } = {},
): InMemoryMessagingDeps => {
  const base = createInMemoryDeps(clock);
  const receipts = new Map<string, number>();
  const refs = new Map<string, MessageRef>();
  const events: LeadEvent[] = [];
  const rescores: InMemoryMessagingDeps['rescores'] = [];
  const cursors = new Map<string, number>();
  let failCommit = false;

  const receiptKey = (scope: string, key: string) => `${scope}|${key}`;
  const held = (id: string) => (receipts.get(id) ?? 0) > clock.now().getTime();

  const receiptStore: ReceiptStore = {
    async has(scope, key) {
      return held(receiptKey(scope, key));
    },
    async claim({ scope, key, ttlSeconds }) {
      const id = receiptKey(scope, key);
      if (held(id)) return false;
      receipts.set(id, clock.now().getTime() + ttlSeconds * 1000);
      return true;
    },
    async release(scope, key) {
      receipts.delete(receiptKey(scope, key));
    },
    async commit({ receipt, lead, interactions = [], events: newEvents = [], refs: newRefs = [] }) {
      if (failCommit) {
        failCommit = false;
        throw new Error('Connection reset by peer');
      }
      const id = receipt && receiptKey(receipt.scope, receipt.key);
      if (id && held(id)) return false;
      // As the table's conditions: nothing is written for a lead that is gone or being erased.
      const touched = new Set(
        [lead?.previous, ...interactions, ...newEvents, ...newRefs].flatMap((item) =>
          item ? [item.leadId] : [],
        ),
      );
      for (const leadId of touched) if (!(await base.leads.get(leadId))) throw new LeadGoneError(leadId);
      if (lead) {
        const stored = await base.leads.get(lead.previous.leadId);
        if (stored?.version !== lead.previous.version) throw new StaleVersionError();
        await base.leads.update(lead.previous, lead.next);
      }
      for (const interaction of interactions) await base.interactions.add(interaction);
      events.push(...structuredClone(newEvents));
      for (const ref of newRefs) refs.set(ref.externalId, structuredClone(ref));
      if (receipt && id) receipts.set(id, clock.now().getTime() + receipt.ttlSeconds * 1000);
      return true;
    },
  };

  const refRepository: MessageRefRepository = {
    async find(externalId) {
      return structuredClone(refs.get(externalId));
    },
    async createIfAbsent(ref) {
      if (!refs.has(ref.externalId)) refs.set(ref.externalId, structuredClone(ref));
      return structuredClone(refs.get(ref.externalId)!);
    },
    async interactionOf({ leadId, interactionId }) {
      const page = await base.interactions.listTimeline(leadId, { limit: 100 });
      return page.items.find((item) => item.interactionId === interactionId);
    },
    changeDelivery: unused('changeDelivery'),
  };

  return {
    ...base,
    brokerageId: BROKERAGE_ID,
    receipts: receiptStore,
    refs: refRepository,
    routing: {
      async next(brokerageId) {
        const position = (cursors.get(brokerageId) ?? 0) + 1;
        cursors.set(brokerageId, position);
        return position;
      },
    },
    scorer: {
      async rescore(leadId, trigger, options) {
        rescores.push({ leadId, trigger, ...(options && { options }) });
        return undefined;
      },
    },
    messaging,
    leadAds,
    events,
    rescores,
    failNextCommit() {
      failCommit = true;
    },
  };
};
