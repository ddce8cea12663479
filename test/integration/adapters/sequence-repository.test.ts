import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSequenceRepository } from '../../../lambdas/adapters/dynamodb/sequence-repository';
import { createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import { StaleVersionError } from '../../../lambdas/domain/errors';
import type { SequenceRepository } from '../../../lambdas/ports/sequence-repository';
import { createTestTable } from '../../helpers/dynamodb';
import { interceptedDocuments } from '../../helpers/intercepted-documents';
import { createMockSequence } from '../../helpers/sequences';

let sequences: SequenceRepository;
let table: ReturnType<typeof interceptedDocuments>;

beforeAll(async () => {
  const { client, tableName } = await createTestTable();
  table = interceptedDocuments(client);
  sequences = createSequenceRepository(createCrmService(table.documents, tableName));
});

beforeEach(() => table.clear());

describe('sequence repository (DynamoDB Local)', () => {
  it("stores an agent's sequence and reads it back as it was, with or without a description", async () => {
    const plain = createMockSequence({ sequenceId: '01JD7Q3M2Y9V1X8K4T6R5W0S01', agentId: 'agent-sato' });
    const described = createMockSequence({
      sequenceId: '01JD7Q3M2Y9V1X8K4T6R5W0S02',
      agentId: 'agent-sato',
      description: 'After the open house',
    });
    await sequences.create(plain);
    await sequences.create(described);
    await sequences.create(
      createMockSequence({ sequenceId: '01JD7Q3M2Y9V1X8K4T6R5W0S03', agentId: 'agent-kim' }),
    );

    expect(await sequences.get('agent-sato', plain.sequenceId)).toStrictEqual(plain);
    expect(await sequences.get('agent-sato', described.sequenceId)).toStrictEqual(described);
    expect(await sequences.get('agent-kim', plain.sequenceId)).toBeUndefined();
    const listed = await sequences.listForAgent('agent-sato');
    expect(listed.map((s) => s.sequenceId).sort()).toEqual([plain.sequenceId, described.sequenceId]);
    expect(listed.find((s) => s.sequenceId === plain.sequenceId)).toStrictEqual(plain);
    expect(await sequences.listForAgent('agent-nobody')).toEqual([]);
  });

  it('replaces a sequence only at the version it was read at', async () => {
    const first = createMockSequence({ sequenceId: '01JD7Q3M2Y9V1X8K4T6R5W0S04', agentId: 'agent-sato' });
    await sequences.create(first);
    const second = { ...first, name: 'Renamed', version: 2 };
    await sequences.replace(first, second);
    expect(await sequences.get('agent-sato', first.sequenceId)).toStrictEqual(second);

    await expect(
      sequences.replace(first, { ...first, name: 'Stale edit', version: 2 }),
    ).rejects.toBeInstanceOf(StaleVersionError);
    expect(await sequences.get('agent-sato', first.sequenceId)).toMatchObject({ name: 'Renamed' });
  });

  it('deletes a sequence only at the version it was read at', async () => {
    const seq = createMockSequence({
      sequenceId: '01JD7Q3M2Y9V1X8K4T6R5W0S05',
      agentId: 'agent-sato',
      version: 3,
    });
    await sequences.create(seq);
    await expect(sequences.delete({ ...seq, version: 2 })).rejects.toBeInstanceOf(StaleVersionError);
    expect(await sequences.get('agent-sato', seq.sequenceId)).toBeDefined();
    await sequences.delete(seq);
    expect(await sequences.get('agent-sato', seq.sequenceId)).toBeUndefined();
  });

  it('passes on failures other than a stale version', async () => {
    const seq = createMockSequence({ sequenceId: '01JD7Q3M2Y9V1X8K4T6R5W0S06', agentId: 'agent-sato' });
    table.instead(PutCommand, () => {
      throw new Error('Network down');
    });
    const replaced = sequences.replace(seq, seq);
    await expect(replaced).rejects.toThrow('Network down');
    await expect(replaced).rejects.not.toBeInstanceOf(StaleVersionError);
    table.instead(DeleteCommand, () => {
      throw new Error('Network down');
    });
    await expect(sequences.delete(seq)).rejects.toThrow('Network down');
  });
});
