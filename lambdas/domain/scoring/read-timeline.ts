import type { Interaction, InteractionType } from '../../../schemas/api/timeline';

/** What scoring needs from a lead's timeline, gathered in one pass. Times are epoch ms. */
export interface TimelineFacts {
  inbound: number;
  outbound: number;
  /** Inbound messages after the agent's first outreach. */
  replies: number;
  /** Inbound comments (repeat comments show sustained interest). */
  comments: number;
  /** Inbound items that carry text the lead wrote. */
  messagesWithText: number;
  firstOutboundAt?: number;
  /** The lead's first inbound after the agent's first outbound: their response time. */
  firstReplyAt?: number;
  lastInboundAt?: number;
  lastOutboundAt?: number;
}

// Notes, system events and consent records are not contact between agent and lead.
const isContact = (type: InteractionType): boolean =>
  type === 'whatsapp' || type === 'comment' || type === 'call' || type === 'email' || type === 'meeting';

/**
 * Counts contacts and finds the first outreach, the first reply to it and the latest contact each
 * way. Ignores anything after `asOf` so a replay scores what was known then. Order-independent.
 */
export const readTimeline = (interactions: readonly Interaction[], asOf: number): TimelineFacts => {
  let inbound = 0;
  let outbound = 0;
  let comments = 0;
  let messagesWithText = 0;
  let firstOutboundAt: number | undefined;
  let lastInboundAt: number | undefined;
  let lastOutboundAt: number | undefined;
  for (const item of interactions) {
    if (item.direction === 'internal' || !isContact(item.type)) continue;
    const at = Date.parse(item.occurredAt);
    if (!(at <= asOf)) continue;
    if (item.direction === 'outbound') {
      outbound++;
      if (firstOutboundAt === undefined || at < firstOutboundAt) firstOutboundAt = at;
      if (lastOutboundAt === undefined || at > lastOutboundAt) lastOutboundAt = at;
    } else {
      inbound++;
      if (item.type === 'comment') comments++;
      if (item.text && item.text.trim().length > 0) messagesWithText++;
      if (lastInboundAt === undefined || at > lastInboundAt) lastInboundAt = at;
    }
  }
  // A second pass once the first outreach is known: replies are inbound items after it.
  let replies = 0;
  let firstReplyAt: number | undefined;
  if (firstOutboundAt !== undefined && lastInboundAt !== undefined && lastInboundAt > firstOutboundAt) {
    for (const item of interactions) {
      if (item.direction !== 'inbound' || !isContact(item.type)) continue;
      const at = Date.parse(item.occurredAt);
      if (!(at > firstOutboundAt && at <= asOf)) continue;
      replies++;
      if (firstReplyAt === undefined || at < firstReplyAt) firstReplyAt = at;
    }
  }
  return {
    inbound,
    outbound,
    replies,
    comments,
    messagesWithText,
    firstOutboundAt,
    firstReplyAt,
    lastInboundAt,
    lastOutboundAt,
  };
};
