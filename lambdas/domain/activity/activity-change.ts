import type { FeedKind, LeadFacts } from '../../ports/activity-store';

/** A timeline entry as the activity consumer reads it: what kind, which way, how far it got. */
export interface InteractionFacts {
  leadId: string;
  interactionId: string;
  type: string;
  direction: 'inbound' | 'outbound' | 'internal';
  occurredAt: string;
  deliveryStatus?: string;
}

/**
 * One item change from the table's stream, as the activity consumer needs it. `before`/`after` are
 * the item's images (absent on insert / on delete); `at` is when the change was made.
 */
export type ActivityChange =
  | { kind: 'lead'; before?: LeadFacts; after?: LeadFacts; at: string }
  | { kind: 'interaction'; before?: InteractionFacts; after?: InteractionFacts; at: string }
  | { kind: 'task'; taskId: string; leadId: string; agentId: string; removed: boolean; at: string }
  | { kind: 'reply'; leadId: string; channel: string; at: string }
  | { kind: 'followUpStep'; enrollmentId: string; before?: string; after: string; at: string }
  /** Another entity the app keeps offline, feed only: `agentId` names the feed (a listing's is its brokerage's). */
  | { kind: 'owned'; feedKind: FeedKind; entityId: string; agentId: string; removed: boolean; at: string }
  | { kind: 'skip'; why: string };

/** The UTC day of an ISO time, the day a counter is kept on. */
export const dayOf = (iso: string): string => iso.slice(0, 10);

/** An agent's counters and their brokerage's, the same increments on both. */
export const scopesOf = (lead: Pick<LeadFacts, 'agentId' | 'brokerageId'>): string[] => [
  lead.agentId,
  brokerageScope(lead.brokerageId),
];

export const brokerageScope = (brokerageId: string) => `brokerage#${brokerageId}`;
