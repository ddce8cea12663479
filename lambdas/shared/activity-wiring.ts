import { createActivityStore } from '../adapters/dynamodb/activity-store';
import type { RecordActivityDeps } from '../domain/activity/record-activity';
import { env } from './env';
import { pushDeps } from './push-wiring';
import { crmService } from './wiring';

let cache: (RecordActivityDeps & ReturnType<typeof pushDeps>) | undefined;

/**
 * The activity consumer's collaborators: the table's feed and counters, the brokerage's zone (its
 * default time zone in lib/config.ts) whose days the counters keep, and push for a hot lead's reply.
 */
export const activityDeps = () => {
  cache ??= {
    activity: createActivityStore(crmService()),
    timeZone: env().DEFAULT_TIMEZONE,
    ...pushDeps(),
  };
  return cache;
};
