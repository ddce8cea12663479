import type { Actor } from '../actor';
import { StaleVersionError } from '../errors';
import { loadOwnSequenceFor } from './load-sequence';
import type { SequenceDeps } from './sequence-deps';

/**
 * Deletes one of the agent's own sequences (a built-in is read-only: 403; not theirs: 404).
 * Follow-ups already running on it finish on the steps they copied when they started.
 */
export const deleteSequence = async (
  actor: Actor,
  sequenceId: string,
  ifMatch: number | undefined,
  deps: Pick<SequenceDeps, 'sequences'>,
): Promise<void> => {
  const current = await loadOwnSequenceFor(actor, sequenceId, deps);
  if (ifMatch !== undefined && ifMatch !== current.version) throw new StaleVersionError(current.version);
  await deps.sequences.delete(current);
};
