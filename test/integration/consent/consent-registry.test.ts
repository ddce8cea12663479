import { createHash } from 'node:crypto';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createConsentRegistry } from '../../../lambdas/adapters/dynamodb/consent-registry';
import { createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import type { ConsentRecord, ConsentRegistry } from '../../../lambdas/ports/consent-registry';
import { createTestTable } from '../../helpers/dynamodb';

const BROKERAGE = 'brokerage-riverside';
let registry: ConsentRegistry;
let documents: DynamoDBDocumentClient;
let table: string;

beforeAll(async () => {
  const { client, tableName } = await createTestTable();
  documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  table = tableName;
  registry = createConsentRegistry(createCrmService(documents, tableName));
});

const change = (state: ConsentRecord['state'], changedAt: string): ConsentRecord => ({
  channel: 'whatsapp',
  state,
  changedAt,
  via: 'message',
  recordedAt: '2026-03-02T14:00:00.000Z',
});

describe('consent registry (DynamoDB Local)', () => {
  it('keeps the newest change of a contact point whatever order they are written in', async () => {
    const point = { kind: 'phone' as const, value: '+12125550180' };

    expect(await registry.record(BROKERAGE, point, change('opted_out', '2026-03-02T10:01:00.000Z'))).toBe(
      true,
    );
    expect(await registry.record(BROKERAGE, point, change('opted_in', '2026-03-02T10:00:00.000Z'))).toBe(
      false,
    );

    expect(await registry.find(BROKERAGE, [point])).toEqual([
      change('opted_out', '2026-03-02T10:01:00.000Z'),
    ]);
    expect(await registry.record(BROKERAGE, point, change('opted_in', '2026-03-02T10:02:00.000Z'))).toBe(
      true,
    );
    expect((await registry.find(BROKERAGE, [point]))[0]?.state).toBe('opted_in');
  });

  it('lets an opt-out win over an opt-in of the same second, and a repeat change nothing', async () => {
    const point = { kind: 'wa_id' as const, value: '12125550181' };
    await registry.record(BROKERAGE, point, change('opted_in', '2026-03-02T10:00:00.000Z'));

    expect(await registry.record(BROKERAGE, point, change('opted_out', '2026-03-02T10:00:00.000Z'))).toBe(
      true,
    );
    expect(await registry.record(BROKERAGE, point, change('opted_out', '2026-03-02T10:00:00.000Z'))).toBe(
      false,
    );
    expect(await registry.record(BROKERAGE, point, change('opted_in', '2026-03-02T10:00:00.000Z'))).toBe(
      false,
    );
    expect((await registry.find(BROKERAGE, [point]))[0]?.state).toBe('opted_out');
  });

  it('keys the contact point by its SHA-256 hash and stores no number, per brokerage', async () => {
    const point = { kind: 'phone' as const, value: '+12125550182' };
    await registry.record(BROKERAGE, point, change('opted_out', '2026-03-02T10:00:00.000Z'));

    const { Items = [] } = await documents.send(new ScanCommand({ TableName: table }));
    const hash = createHash('sha256').update('phone:+12125550182').digest('hex');
    expect(Items.filter((item) => JSON.stringify(item).includes(hash))).toHaveLength(1);
    expect(Items.filter((item) => JSON.stringify(item).includes('2125550182'))).toEqual([]);
    expect(await registry.find('brokerage-elsewhere', [point])).toEqual([]);
  });
});
