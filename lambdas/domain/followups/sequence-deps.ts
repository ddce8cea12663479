import type { Clock } from '../../ports/clock';
import type { IdGenerator } from '../../ports/ids';
import type { SequenceRepository } from '../../ports/sequence-repository';

/** What the sequence use cases need from the outside world. */
export interface SequenceDeps {
  sequences: SequenceRepository;
  clock: Clock;
  newId: IdGenerator;
}
