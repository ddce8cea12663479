import type { Sequence } from '../../../schemas/api/sequences';
import type { Actor } from '../actor';
import { builtInSequences } from './built-in-sequences';
import type { SequenceDeps } from './sequence-deps';

/**
 * The sequences an agent can enrol leads in: the built-ins for hot, warm and cold leads first,
 * then the agent's own, oldest first. Another agent's sequences never appear.
 */
export const listSequences = async (
  actor: Actor,
  { sequences }: Pick<SequenceDeps, 'sequences'>,
): Promise<Sequence[]> => {
  const own = await sequences.listForAgent(actor.agentId);
  return [...builtInSequences, ...own];
};
