import { createActivityStore } from '../adapters/dynamodb/activity-store';
import type { RecordActivityDeps } from '../domain/activity/record-activity';
import { pushDeps } from './push-wiring';
import { crmService } from './wiring';

let cache: (RecordActivityDeps & ReturnType<typeof pushDeps>) | undefined;

/** The activity consumer's collaborators: the table's feed and counters, and push for a hot lead's reply. */
export const activityDeps = () => {
  cache ??= { activity: createActivityStore(crmService()), ...pushDeps() };
  return cache;
};
