import type { RouteAccess } from './routes';

/**
 * What the follow-up engine reacts to at once, read from the table's stream: a lead event that ends
 * follow-ups (a reply, an opt-out, a closed outcome) and a follow-up message's delivery status. The
 * CDK stack gives these patterns to the event source mapping's FilterCriteria; `npm start`'s stream
 * poller applies the same ones, so the function sees the same records in both places.
 * Patterns use the EventBridge syntax Lambda filtering takes: values in arrays, `{ exists: true }`.
 */
export const followUpReactionFilters = [
  {
    eventName: ['INSERT'],
    dynamodb: {
      NewImage: {
        __edb_e__: { S: ['leadEvent'] },
        type: { S: ['lead.replied', 'lead.opted_out', 'lead.outcome_recorded'] },
      },
    },
  },
  {
    eventName: ['INSERT', 'MODIFY'],
    dynamodb: {
      NewImage: {
        __edb_e__: { S: ['interaction'] },
        direction: { S: ['outbound'] },
        deliveryStatus: { S: ['delivered', 'read'] },
        metadata: { M: { followUp: { M: { enrollmentId: { S: [{ exists: true }] } } } } },
      },
    },
  },
] as const;

/** The stream consumer's function and how its event source mapping reads. */
export const followUpReactions = {
  id: 'FollowUpReactions',
  handler: 'lambdas/handlers/streams/follow-up-reactions.ts',
  description:
    "Follow-up reactions: stops a lead's follow-ups on a reply, opt-out or closed outcome, and records a step's delivery",
  access: { table: 'readWrite', followUpWakes: true } as RouteAccess,
  batchSize: 10,
  /** Retries of a failing batch (halved each time) before its records go to the failure queue. */
  retryAttempts: 4,
  /** A record older than this is sent to the failure queue instead: a reaction a day late is no reaction. */
  maxRecordAgeSeconds: 24 * 3_600,
} as const;
