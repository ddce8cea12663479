import type { Sequence } from '../../schemas/api/sequences';

/** An agent's own sequences (built-ins live in code, not here). */
export interface StoredSequence extends Sequence {
  agentId: string;
  brokerageId: string;
}

export interface SequenceRepository {
  /** The agent's sequences, oldest first. */
  listForAgent(agentId: string): Promise<StoredSequence[]>;
  /** Only the agent's own: another agent's id reads as missing. */
  get(agentId: string, sequenceId: string): Promise<StoredSequence | undefined>;
  create(sequence: StoredSequence): Promise<void>;
  /** Replaces the sequence if its stored version is still `previous.version` (else StaleVersionError). */
  replace(previous: StoredSequence, next: StoredSequence): Promise<void>;
  /** Deletes it if its stored version is still `previous.version` (else StaleVersionError). */
  delete(previous: StoredSequence): Promise<void>;
}
