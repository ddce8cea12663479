import { StaleVersionError } from '../../../../lambdas/domain/errors';
import { LeadGoneError } from '../../../../lambdas/domain/leads/lead-errors';
import type { FacebookIntakeDeps, SendWhatsAppDeps } from '../../../../lambdas/domain/messaging/deps';
import {
  receiveWhatsApp,
  type WhatsAppDelivery,
} from '../../../../lambdas/domain/messaging/receive-whatsapp';
import type { Clock } from '../../../../lambdas/ports/clock';
import type { LeadEvent } from '../../../../lambdas/ports/lead-events';
import type { RescoreOptions } from '../../../../lambdas/ports/lead-scorer';
import type { LeadAdsPort, MessagingPort } from '../../../../lambdas/ports/messaging';
import type { ParkedLead } from '../../../../lambdas/ports/parked-leadgens';
import type { PendingStatus, PendingStatusStore } from '../../../../lambdas/ports/pending-statuses';
import type { ReceiptStore } from '../../../../lambdas/ports/receipts';
import type { ScoreTrigger } from '../../../../schemas/api/scores';
import {
  parseWhatsAppEvents,
  type WhatsAppWebhookInput,
  whatsAppWebhookSchema,
} from '../../../../schemas/events/whatsapp';
import type { BusinessMetricName } from '../../../../schemas/metrics';
import { createInMemoryDeps, type InMemoryDeps } from '../../../helpers/in-memory-repositories';
import { TEST_PHONE_NUMBER_ID } from '../../../helpers/webhooks';

export const BROKERAGE_ID = 'brokerage-riverside';

export type InMemoryMessagingDeps = InMemoryDeps &
  FacebookIntakeDeps &
  SendWhatsAppDeps & {
    /** Lead events recorded, oldest first. */
    events: LeadEvent[];
    /** Every rescore asked for, in order. */
    rescores: { leadId: string; trigger: ScoreTrigger; options?: RescoreOptions }[];
    /** Business metrics counted, in order (one entry per count). */
    counted: BusinessMetricName[];
    /** The next commit fails as a dropped connection would, writing nothing. */
    failNextCommit(): void;
    /** Every pending status held, as stored (by wamid), with its expiry. */
    pendingStored: Map<string, { status: PendingStatus; expiresAt: number }>;
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
  const events: LeadEvent[] = [];
  const rescores: InMemoryMessagingDeps['rescores'] = [];
  const cursors = new Map<string, number>();
  const pendingStored: InMemoryMessagingDeps['pendingStored'] = new Map();
  const counted: BusinessMetricName[] = [];
  const parkedForms = new Map<string, ParkedLead>();
  const parkedKey = (brokerageId: string, leadgenId: string) => `${brokerageId}|${leadgenId}`;
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
      if (lead && (lead.previous.phone !== lead.next.phone || lead.previous.email !== lead.next.email)) {
        // As the table's adapter: contact changes move claims, which only the lead repository's update does.
        throw new Error('A lead activity cannot change the lead’s phone or email');
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
      }
      // All or nothing: an interaction that exists already cancels the whole write, as in the transaction.
      for (const interaction of interactions) {
        if (await base.refs.interactionOf({ ...interaction, externalId: '', createdAt: '' })) {
          throw new Error(
            `Writing the lead's activity was cancelled (interaction ${interaction.interactionId} exists)`,
          );
        }
      }
      if (lead) {
        await base.leads.update(lead.previous, lead.next);
      }
      for (const interaction of interactions) await base.interactions.add(interaction);
      events.push(...structuredClone(newEvents));
      for (const ref of newRefs) base.refs.put(ref);
      if (receipt && id) receipts.set(id, clock.now().getTime() + receipt.ttlSeconds * 1000);
      return true;
    },
  };

  const pendingKey = (wamid: string, status: string) => `${wamid}|${status}`;
  const pendingStatuses: PendingStatusStore = {
    async keep(status, ttlSeconds) {
      pendingStored.set(pendingKey(status.wamid, status.status), {
        status: structuredClone(status),
        expiresAt: clock.now().getTime() + ttlSeconds * 1000,
      });
    },
    async listFor(wamid) {
      return [...pendingStored.values()]
        .filter((held) => held.status.wamid === wamid && held.expiresAt > clock.now().getTime())
        .map((held) => structuredClone(held.status));
    },
    async remove(wamid, statuses) {
      for (const status of statuses) pendingStored.delete(pendingKey(wamid, status));
    },
  };

  return {
    ...base,
    brokerageId: BROKERAGE_ID,
    receipts: receiptStore,
    pendingStatuses,
    pendingStored,
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
    metrics: {
      count(metric, value = 1) {
        for (let n = 0; n < value; n++) counted.push(metric);
      },
    },
    parked: {
      async park(brokerageId, lead) {
        const id = parkedKey(brokerageId, lead.leadgenId);
        if (parkedForms.has(id)) return false;
        parkedForms.set(id, structuredClone(lead));
        return true;
      },
      async list(brokerageId) {
        return [...parkedForms.entries()]
          .filter(([id]) => id.startsWith(`${brokerageId}|`))
          .map(([, lead]) => structuredClone(lead))
          .sort((a, b) => a.parkedAt.localeCompare(b.parkedAt));
      },
      async recordAttempt(brokerageId, leadgenId, { code, reason, at }) {
        const lead = parkedForms.get(parkedKey(brokerageId, leadgenId));
        if (!lead) return;
        const { code: _previous, ...rest } = lead;
        parkedForms.set(parkedKey(brokerageId, leadgenId), {
          ...rest,
          ...(code !== undefined && { code }),
          reason,
          attempts: lead.attempts + 1,
          lastAttemptAt: at,
        });
      },
      async remove(brokerageId, leadgenId) {
        parkedForms.delete(parkedKey(brokerageId, leadgenId));
      },
    },
    messaging,
    leadAds,
    events,
    rescores,
    counted,
    failNextCommit() {
      failCommit = true;
    },
  };
};

/** A WhatsApp delivery for the fixtures' business number, unless a test names another. */
export const receiveWhatsAppForBrokerage = (
  delivery: Omit<WhatsAppDelivery, 'businessPhoneNumberId'> & { businessPhoneNumberId?: string },
  on: InMemoryMessagingDeps,
) => receiveWhatsApp({ businessPhoneNumberId: TEST_PHONE_NUMBER_ID, ...delivery }, on);

/** The events of a webhook body, parsed as the handler parses them. */
export const eventsOf = (body: WhatsAppWebhookInput) =>
  parseWhatsAppEvents(whatsAppWebhookSchema.parse(body));
