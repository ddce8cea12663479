import { StaleVersionError } from '../../domain/errors';
import type { SequenceRepository, StoredSequence } from '../../ports/sequence-repository';
import { isConditionFailure } from './condition-failure';
import type { SequenceItem } from './entities/sequence';
import type { CrmService } from './service';

const toSequence = ({ description, ...item }: SequenceItem): StoredSequence => ({
  ...(item as Omit<StoredSequence, 'builtIn' | 'description'>),
  ...(description === undefined ? {} : { description }),
  builtIn: false,
});

const toItem = ({ builtIn: _builtIn, ...sequence }: StoredSequence): SequenceItem => sequence as SequenceItem;

/** Agents' own sequences, one item each in the agent's partition. */
export const createSequenceRepository = (service: CrmService): SequenceRepository => {
  const { sequence } = service.entities;
  const guarded = async (write: () => Promise<unknown>) => {
    try {
      await write();
    } catch (error) {
      if (isConditionFailure(error)) throw new StaleVersionError();
      throw error;
    }
  };
  return {
    async listForAgent(agentId) {
      const { data } = await sequence.query.byAgent({ agentId }).go({ pages: 'all' });
      return data.map(toSequence);
    },
    async get(agentId, sequenceId) {
      const { data } = await sequence.get({ agentId, sequenceId }).go();
      return data ? toSequence(data) : undefined;
    },
    async create(next) {
      await sequence.create(toItem(next)).go();
    },
    async replace(previous, next) {
      await guarded(() =>
        sequence
          .put(toItem(next))
          .where((attr, { eq }) => eq(attr.version, previous.version))
          .go(),
      );
    },
    async delete(previous) {
      await guarded(() =>
        sequence
          .delete({ agentId: previous.agentId, sequenceId: previous.sequenceId })
          .where((attr, { eq }) => eq(attr.version, previous.version))
          .go(),
      );
    },
  };
};
