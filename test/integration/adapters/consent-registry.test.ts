import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConsentRegistry } from '../../../lambdas/adapters/dynamodb/consent-registry';
import type { CrmService } from '../../../lambdas/adapters/dynamodb/service';
import type { ConsentRecord, ConsentRegistry } from '../../../lambdas/ports/consent-registry';
import { freshOwner } from '../../contracts/world';
import { createRecordedTable, type SentCommand, sentOf } from '../../helpers/recorded-table';

let documents: DynamoDBDocumentClient;
let sent: SentCommand[];
let registry: ConsentRegistry;
let failNext: { command: string; error: Error } | undefined;

let service: CrmService;

beforeAll(async () => {
  const table = await createRecordedTable();
  ({ documents, sent } = table);
  documents.middlewareStack.add(
    (next, context) => async (args) => {
      const failing = failNext;
      if (!failing || failing.command !== context.commandName) return next(args);
      failNext = undefined;
      throw failing.error;
    },
    { step: 'initialize', name: 'failNext' },
  );
  service = table.service;
});

// Made for each test, so a mutant in the factory itself is live while the test runs.
beforeEach(() => {
  registry = createConsentRegistry(service);
});

afterEach(() => {
  failNext = undefined;
});

const phone = { kind: 'phone' as const, value: '+12125550131' };
const optOut: ConsentRecord = {
  channel: 'whatsapp',
  state: 'opted_out',
  changedAt: '2026-11-25T12:00:00.000Z',
  via: 'message',
  recordedAt: '2026-11-25T12:00:01.000Z',
};

describe('consent registry reads and failures (DynamoDB Local)', () => {
  it('reads each contact point consistently: a STOP just recorded must stop the next send', async () => {
    const { brokerageId } = freshOwner();
    await registry.record(brokerageId, phone, optOut);
    const from = sent.length;

    expect(
      await registry.find(brokerageId, [phone, { kind: 'email', value: 'kai.moreno@example.com' }]),
    ).toEqual([optOut]);
    const queries = sentOf(sent, 'QueryCommand', from);
    expect(queries).toHaveLength(2);
    expect(queries.every((query) => query.input.ConsistentRead === true)).toBe(true);
  });

  it('passes on a failed write that is not a refusal, so the opt-out is tried again', async () => {
    const { brokerageId } = freshOwner();
    failNext = {
      command: 'PutItemCommand',
      error: Object.assign(new Error('Throughput exceeded'), {
        name: 'ProvisionedThroughputExceededException',
      }),
    };

    await expect(registry.record(brokerageId, phone, optOut)).rejects.toThrow('Throughput exceeded');
    expect(await registry.find(brokerageId, [phone])).toEqual([]);
    expect(await registry.record(brokerageId, phone, optOut)).toBe(true);
  });
});
