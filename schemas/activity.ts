import type { RouteAccess } from './routes';

/**
 * What the activity consumer reads from the table's stream: leads, timeline entries and tasks (each
 * agent's offline change feed), listings (their brokerage's listings feed), replies and follow-up step
 * results (the analytics counters). The stack gives these patterns to the event source mapping's
 * FilterCriteria and `npm start`'s poller applies the same ones. Another entity the app keeps offline
 * adds its name here.
 */
export const activityStreamFilters = [
  {
    eventName: ['INSERT', 'MODIFY'],
    dynamodb: {
      NewImage: { __edb_e__: { S: ['lead', 'interaction', 'task', 'listing', 'followUpStepResult'] } },
    },
  },
  {
    eventName: ['REMOVE'],
    dynamodb: { OldImage: { __edb_e__: { S: ['lead', 'interaction', 'task', 'listing'] } } },
  },
  {
    eventName: ['INSERT'],
    dynamodb: { NewImage: { __edb_e__: { S: ['leadEvent'] }, type: { S: ['lead.replied'] } } },
  },
] as const;

/** The stream consumer's function and how its event source mapping reads. */
export const activityConsumer = {
  id: 'AgentActivity',
  handler: 'lambdas/handlers/streams/record-activity.ts',
  description:
    "Agent activity: each agent's offline change feed, each brokerage's listings feed and the analytics counters, from the table's stream; pushes a hot lead's reply",
  access: { table: 'readWrite', push: true } as RouteAccess,
  batchSize: 25,
  retryAttempts: 6,
  maxRecordAgeSeconds: 24 * 3_600,
} as const;
