import type { LeadFacts } from '../../ports/activity-store';
import {
  type Counts,
  counterName,
  type ReplyChannel,
  replyChannels,
  responseBucketOf,
} from '../analytics/counter-names';
import type { InteractionFacts } from './activity-change';
import { dayOf } from './activity-change';
import { type ActivityPlan, countFor, emptyPlan } from './plan-lead-activity';

const channelOf = (type: string): ReplyChannel | undefined =>
  (replyChannels as readonly string[]).includes(type) ? (type as ReplyChannel) : undefined;

const deliveredOrRead = (status: string | undefined) => status === 'delivered' || status === 'read';

export const messagedMark = (channel: string) => `messaged#${channel}`;
export const repliedMark = (channel: string) => `replied#${channel}`;
export const firstResponseMark = 'firstResponse';

/**
 * A timeline entry's change: a feed entry for the lead's agent, and for an outbound message its
 * counts: WhatsApp sent, the lead messaged on this channel (once per lead), the first response to
 * the lead (once, in the histogram of minutes since it arrived), and a WhatsApp message reaching
 * delivered or failing.
 */
export const planMessageActivity = (
  lead: LeadFacts,
  marks: Map<string, string>,
  before: InteractionFacts | undefined,
  after: InteractionFacts | undefined,
  at: string,
  timeZone: string,
): ActivityPlan => {
  const plan = emptyPlan();
  const item = (after ?? before) as InteractionFacts;
  plan.feed.push({
    agentId: lead.agentId,
    kind: 'interaction',
    entityId: item.interactionId,
    leadId: lead.leadId,
    op: after ? 'upsert' : 'delete',
    changedAt: at,
  });
  const channel = channelOf(item.type);
  if (after?.direction !== 'outbound' || !channel) return plan;

  const counts: Counts = {};
  if (!before) {
    if (channel === 'whatsapp') counts[counterName.whatsAppSent] = 1;
    if (!marks.has(messagedMark(channel))) {
      counts[counterName.messaged(channel, lead.source)] = 1;
      plan.marks.push({ leadId: lead.leadId, mark: messagedMark(channel), at: after.occurredAt });
    }
    if (!marks.has(firstResponseMark)) {
      const minutes = Math.max(0, (Date.parse(after.occurredAt) - Date.parse(lead.createdAt)) / 60_000);
      counts[counterName.firstResponse(responseBucketOf(minutes))] = 1;
      plan.marks.push({ leadId: lead.leadId, mark: firstResponseMark, at: after.occurredAt });
    }
    plan.counters = countFor(lead, dayOf(after.occurredAt, timeZone), counts);
    return plan;
  }
  if (channel === 'whatsapp') {
    if (deliveredOrRead(after.deliveryStatus) && !deliveredOrRead(before.deliveryStatus)) {
      counts[counterName.whatsAppDelivered] = 1;
    }
    if (after.deliveryStatus === 'failed' && before.deliveryStatus !== 'failed') {
      counts[counterName.whatsAppFailed] = 1;
    }
  }
  plan.counters = countFor(lead, dayOf(at, timeZone), counts);
  return plan;
};

/** A reply on a channel the lead was messaged on: the lead counted as replied there, once. */
export const planReplyActivity = (
  lead: LeadFacts,
  marks: Map<string, string>,
  channel: string,
  at: string,
  timeZone: string,
) => {
  const plan = emptyPlan();
  const known = channelOf(channel);
  // Against the message's own time, not the mark's presence: the same record read again later decides alike.
  const messagedAt = known && marks.get(messagedMark(known));
  if (!known || !messagedAt || messagedAt > at || marks.has(repliedMark(known))) return plan;
  plan.counters = countFor(lead, dayOf(at, timeZone), { [counterName.replied(known, lead.source)]: 1 });
  plan.marks.push({ leadId: lead.leadId, mark: repliedMark(known), at });
  return plan;
};
