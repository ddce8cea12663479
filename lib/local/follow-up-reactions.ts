import { followUpReactionFilters, followUpReactions } from '../../schemas/follow-up-reactions';
import { type LocalStreamConsumerOptions, startLocalStreamConsumer } from './stream-consumer';

export type LocalFollowUpReactionsOptions = LocalStreamConsumerOptions;

/** The stack's follow-up reactions on a laptop (stops on replies, opt-outs and outcomes; delivery statuses). */
export const startLocalFollowUpReactions = (options: LocalFollowUpReactionsOptions) =>
  startLocalStreamConsumer(followUpReactions, followUpReactionFilters, options);
