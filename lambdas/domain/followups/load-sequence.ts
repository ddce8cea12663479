import type { Sequence } from '../../../schemas/api/sequences';
import type { StoredSequence } from '../../ports/sequence-repository';
import type { Actor } from '../actor';
import { ForbiddenError, NotFoundError } from '../errors';
import { builtInSequences } from './built-in-sequences';
import type { SequenceDeps } from './sequence-deps';

/** A built-in by its id, or the agent's own; another agent's sequence is the same 404 as a missing one. */
export const loadSequenceFor = async (
  actor: Actor,
  sequenceId: string,
  { sequences }: Pick<SequenceDeps, 'sequences'>,
): Promise<Sequence> => {
  const builtIn = builtInSequences.find((sequence) => sequence.sequenceId === sequenceId);
  if (builtIn) return builtIn;
  const own = await sequences.get(actor.agentId, sequenceId);
  if (!own) throw new NotFoundError('Sequence');
  return own;
};

/** The agent's own sequence, to change it: a built-in is read-only (403), anything else not theirs a 404. */
export const loadOwnSequenceFor = async (
  actor: Actor,
  sequenceId: string,
  deps: Pick<SequenceDeps, 'sequences'>,
): Promise<StoredSequence> => {
  const sequence = await loadSequenceFor(actor, sequenceId, deps);
  if (sequence.builtIn) {
    throw new ForbiddenError(
      'Built-in sequences are read-only; create your own with POST /sequences from a copy of its steps',
      {
        sequenceId,
      },
    );
  }
  return sequence as StoredSequence;
};
