import { activityConsumer, activityStreamFilters } from '../../schemas/activity';
import { type LocalStreamConsumerOptions, startLocalStreamConsumer } from './stream-consumer';

export type LocalAgentActivityOptions = LocalStreamConsumerOptions;

/** The stack's agent activity consumer on a laptop (sync feeds, analytics counters, push of hot replies). */
export const startLocalAgentActivity = (options: LocalAgentActivityOptions) =>
  startLocalStreamConsumer(activityConsumer, activityStreamFilters, options);
