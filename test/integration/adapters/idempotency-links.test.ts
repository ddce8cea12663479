import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createIdempotencyLinks,
  ERASED_ANSWER,
  type IdempotencyLinks,
  isErasedAnswer,
} from '../../../lambdas/adapters/dynamodb/idempotency-links';
import { createLeadRepository } from '../../../lambdas/adapters/dynamodb/lead-repository';
import type { CrmService } from '../../../lambdas/adapters/dynamodb/service';
import { scanTable } from '../../helpers/dynamodb';
import { createMockLead } from '../../helpers/factories';
import { createRecordedTable, type SentCommand, sentOf } from '../../helpers/recorded-table';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const EXPIRES = Date.parse('2026-11-26T12:00:00.000Z') / 1000;
let service: CrmService;
let documents: DynamoDBDocumentClient;
let tableName: string;
let sent: SentCommand[];
let links: IdempotencyLinks;
let failNext: { command: string; error: Error } | undefined;

beforeAll(async () => {
  ({ service, documents, tableName, sent } = await createRecordedTable());
  documents.middlewareStack.add(
    (next, context) => async (args) => {
      const failing = failNext;
      if (!failing || failing.command !== context.commandName) return next(args);
      failNext = undefined;
      throw failing.error;
    },
    { step: 'initialize', name: 'failNext' },
  );
});

// Made for each test, so a mutant in the factory itself is live while the test runs.
beforeEach(() => {
  links = createIdempotencyLinks(service);
});

afterEach(() => {
  failNext = undefined;
});

const aliveLead = async () => {
  const lead = createMockLead();
  await createLeadRepository(service).create(lead, []);
  return lead.leadId;
};

/** A stored answer as Powertools writes it. */
const storeAnswer = (recordKey: string) =>
  documents.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        pk: 'idempotency',
        sk: recordKey,
        data: '{"leadId":"lead-1","name":"Sam Rivera"}',
        expiresAt: EXPIRES,
        status: 'COMPLETED',
      },
    }),
  );

const linksOf = async (leadId: string) =>
  (await scanTable(tableName)).filter((item) => item.leadId === leadId && item.recordKey !== undefined);

const answerOf = async (recordKey: string) =>
  (await scanTable(tableName)).find((item) => item.pk === 'idempotency' && item.sk === recordKey);

describe('idempotency links (DynamoDB Local)', () => {
  it('links a stored answer to a live lead, expiring with it', async () => {
    const leadId = await aliveLead();

    expect(await links.link(leadId, 'fn#key-1', EXPIRES, NOW)).toBe(true);

    const [link, ...rest] = await linksOf(leadId);
    expect(rest).toEqual([]);
    expect(link).toMatchObject({
      leadId,
      recordKey: 'fn#key-1',
      expiresAt: EXPIRES,
      createdAt: NOW.toISOString(),
    });
  });

  it('links nothing to a lead that is gone or being erased', async () => {
    const erasing = await aliveLead();
    await service.entities.lead.patch({ leadId: erasing }).set({ erasing: true }).go();

    expect(await links.link('lead-never-made', 'fn#key-2', EXPIRES, NOW)).toBe(false);
    expect(await links.link(erasing, 'fn#key-3', EXPIRES, NOW)).toBe(false);
    expect(await linksOf('lead-never-made')).toEqual([]);
    expect(await linksOf(erasing)).toEqual([]);
  });

  it('tells a live lead from one gone or being erased, reading consistently', async () => {
    const alive = await aliveLead();
    const erasing = await aliveLead();
    await service.entities.lead.patch({ leadId: erasing }).set({ erasing: true }).go();
    const from = sent.length;

    expect(await links.isAlive(alive)).toBe(true);
    expect(await links.isAlive(erasing)).toBe(false);
    expect(await links.isAlive('lead-never-made')).toBe(false);
    const reads = sentOf(sent, 'GetItemCommand', from);
    expect(reads).toHaveLength(3);
    expect(reads.every((read) => read.input.ConsistentRead === true)).toBe(true);
  });

  it('forgets a lead: every linked answer becomes the erased answer and the links go, past one page of them', async () => {
    const leadId = await aliveLead();
    const keys = Array.from({ length: 27 }, (_, i) => `fn#page-${String(i).padStart(2, '0')}`);
    for (const key of keys) {
      await storeAnswer(key);
      await links.link(leadId, key, EXPIRES, NOW);
    }
    await storeAnswer('fn#someone-else');
    const from = sent.length;

    await links.forgetLead(leadId);

    expect(await linksOf(leadId)).toEqual([]);
    for (const key of keys) expect(isErasedAnswer((await answerOf(key))?.data)).toBe(true);
    expect((await answerOf('fn#someone-else'))?.data).toBe('{"leadId":"lead-1","name":"Sam Rivera"}');
    const queries = sentOf(sent, 'QueryCommand', from);
    expect(queries.map((query) => query.input.Limit)).toEqual([25, 25, 25]);
    expect(queries.every((query) => query.input.ConsistentRead === true)).toBe(true);
    await links.forgetLead(leadId);
  });

  it('forgets a link whose answer TTL already removed', async () => {
    const leadId = await aliveLead();
    await storeAnswer('fn#kept');
    await links.link(leadId, 'fn#expired', EXPIRES, NOW);
    await links.link(leadId, 'fn#kept', EXPIRES, NOW);

    await links.forgetLead(leadId);

    expect(await answerOf('fn#expired')).toBeUndefined();
    expect((await answerOf('fn#kept'))?.data).toEqual(ERASED_ANSWER);
    expect(await linksOf(leadId)).toEqual([]);
  });

  it('passes on a failure to empty an answer, keeping the links so a retry finishes', async () => {
    const leadId = await aliveLead();
    await storeAnswer('fn#busy');
    await links.link(leadId, 'fn#busy', EXPIRES, NOW);
    failNext = {
      command: 'UpdateItemCommand',
      error: Object.assign(new Error('Throughput exceeded'), {
        name: 'ProvisionedThroughputExceededException',
      }),
    };

    await expect(links.forgetLead(leadId)).rejects.toThrow('Throughput exceeded');
    expect(await linksOf(leadId)).toHaveLength(1);

    await links.forgetLead(leadId);
    expect((await answerOf('fn#busy'))?.data).toEqual(ERASED_ANSWER);
    expect(await linksOf(leadId)).toEqual([]);
  });

  it('knows the erased answer and nothing else', () => {
    expect(isErasedAnswer(ERASED_ANSWER)).toBe(true);
    expect(isErasedAnswer({ erased: 'true' })).toBe(false);
    expect(isErasedAnswer({ leadId: 'lead-1' })).toBe(false);
    expect(isErasedAnswer(null)).toBe(false);
    expect(isErasedAnswer(undefined)).toBe(false);
    expect(isErasedAnswer('erased')).toBe(false);
  });
});
