import { createSequenceRepository } from '../adapters/dynamodb/sequence-repository';
import type { SequenceDeps } from '../domain/followups/sequence-deps';
import { systemClock } from '../ports/clock';
import { createIdGenerator } from './ids';
import { crmService } from './wiring';

let deps: SequenceDeps | undefined;

/** The sequence use cases' collaborators, built once per container. */
export const sequenceDeps = (): SequenceDeps => {
  deps ??= {
    sequences: createSequenceRepository(crmService()),
    clock: systemClock,
    newId: createIdGenerator(),
  };
  return deps;
};
