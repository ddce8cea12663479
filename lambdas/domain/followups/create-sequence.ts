import type { CreateSequenceBody } from '../../../schemas/api/sequences';
import type { StoredSequence } from '../../ports/sequence-repository';
import type { Actor } from '../actor';
import type { SequenceDeps } from './sequence-deps';

/**
 * Saves a new sequence of the agent's own at version 1. The body has passed the sequence contract
 * (delays in order, known fields and conditions), so what is stored can always be planned and run.
 */
export const createSequence = async (
  actor: Actor,
  body: CreateSequenceBody,
  deps: SequenceDeps,
): Promise<StoredSequence> => {
  const now = deps.clock.now().toISOString();
  const sequence: StoredSequence = {
    sequenceId: deps.newId(),
    agentId: actor.agentId,
    brokerageId: actor.brokerageId,
    builtIn: false,
    name: body.name,
    ...(body.description === undefined ? {} : { description: body.description }),
    temperature: body.temperature,
    steps: body.steps,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.sequences.create(sequence);
  return sequence;
};
