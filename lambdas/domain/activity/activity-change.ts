import type { FeedKind, LeadFacts } from '../../ports/activity-store';
import { localEpochOf } from '../followups/wall-clock';

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

/**
 * The calendar day of an ISO time in the brokerage's zone, the day a counter is kept on: one zone for
 * every agent of the brokerage, so an agent's days and the brokerage's add up alike.
 */
export const dayOf = (iso: string, timeZone: string): string =>
  new Date(localEpochOf(timeZone, Date.parse(iso))).toISOString().slice(0, 10);

/** An agent's counters and their brokerage's, the same increments on both. */
export const scopesOf = (lead: Pick<LeadFacts, 'agentId' | 'brokerageId'>): string[] => [
  lead.agentId,
  brokerageScope(lead.brokerageId),
];

export const brokerageScope = (brokerageId: string) => `brokerage#${brokerageId}`;
