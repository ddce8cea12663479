import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { createReceiptStore } from '../../../../lambdas/adapters/dynamodb/receipt-store';
import { createCrmService } from '../../../../lambdas/adapters/dynamodb/service';
import { StaleVersionError } from '../../../../lambdas/domain/errors';
import { LeadGoneError } from '../../../../lambdas/domain/leads/lead-errors';
import { fixedClock } from '../../../../lambdas/ports/clock';
import { createMockInteraction, createMockLead, FIXTURE_NOW } from '../../../helpers/factories';

const ddb = mockClient(DynamoDBDocumentClient);
const service = createCrmService(
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })),
  'test-table',
);
const receipts = createReceiptStore(service, fixedClock(FIXTURE_NOW));

beforeEach(() => {
  ddb.reset();
});

// A wamid carries the recipient's number (base64 of 12125550142), so its receipt must not.
const preference = {
  scope: 'wa-status',
  key: 'wamid.HBgLMTIxMjU1NTAxNDIVAgARGBI:read',
  ttlSeconds: 3600,
} as const;

describe('createReceiptStore', () => {
  it('stores a receipt under the SHA-256 of its key, so no receipt holds the number', async () => {
    ddb.on(PutCommand).resolves({});

    expect(await receipts.claim(preference)).toBe(true);

    const stored = JSON.stringify(ddb.commandCalls(PutCommand)[0]?.args[0].input);
    expect(stored).not.toContain('MTIxMjU1NTAxNDI');
    expect(stored).toMatch(/[0-9a-f]{64}/);
  });

  it('finds a receipt again by the same key', async () => {
    ddb.on(PutCommand).resolves({});
    await receipts.claim(preference);
    const item = ddb.commandCalls(PutCommand)[0]?.args[0].input.Item;
    ddb.on(GetCommand).resolves({ Item: item });

    expect(await receipts.has(preference.scope, preference.key)).toBe(true);
    expect(ddb.commandCalls(GetCommand)[0]?.args[0].input.Key).toEqual({ pk: item?.pk, sk: item?.sk });
  });

  it('writes timeline items only with a check that the lead is not being erased', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const lead = createMockLead();

    await receipts.commit({ interactions: [createMockInteraction({ leadId: lead.leadId })] });

    const [check, put] = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(check?.ConditionCheck).toMatchObject({
      Key: service.entities.lead.get({ leadId: lead.leadId }).params().Key,
      ConditionExpression: expect.stringContaining('attribute_not_exists(#erasing)'),
    });
    expect(put?.Put).toBeDefined();
  });

  it('rejects with LeadGoneError when the lead is gone, writing nothing', async () => {
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled [ConditionalCheckFailed, None]',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );
    ddb.on(GetCommand).resolves({});
    const lead = createMockLead();

    const attempt = receipts.commit({ interactions: [createMockInteraction({ leadId: lead.leadId })] });

    await expect(attempt).rejects.toBeInstanceOf(LeadGoneError);
  });

  /** DynamoDB cancelled the transaction with one reason per item, in the order the items were given. */
  const cancelledWith = (...codes: string[]) =>
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: `Transaction cancelled [${codes.join(', ')}]`,
        $metadata: {},
        CancellationReasons: codes.map((Code) => ({ Code })),
      }),
    );

  it('blames the lead whose check failed, counting past the receipt', async () => {
    const [kept, erased] = [createMockLead(), createMockLead()];
    cancelledWith('None', 'None', 'ConditionalCheckFailed', 'None', 'None');
    ddb.on(GetCommand).resolves({});

    const attempt = receipts.commit({
      receipt: { scope: 'wa-message', key: 'wamid.two-leads', ttlSeconds: 60 },
      interactions: [
        createMockInteraction({ leadId: kept.leadId }),
        createMockInteraction({ leadId: erased.leadId }),
      ],
    });

    await expect(attempt).rejects.toBeInstanceOf(LeadGoneError);
    expect(ddb.commandCalls(GetCommand).map((call) => call.args[0].input.Key)).toEqual([
      service.entities.lead.get({ leadId: erased.leadId }).params().Key,
    ]);
  });

  it('takes a conflict with another transaction as a stale read, to be retried', async () => {
    const lead = createMockLead();
    cancelledWith('None', 'None', 'TransactionConflict');

    await expect(
      receipts.commit({
        receipt: { scope: 'wa-message', key: 'wamid.conflict', ttlSeconds: 60 },
        lead: { previous: lead, next: { ...lead, version: 2 } },
        interactions: [createMockInteraction({ leadId: lead.leadId })],
      }),
    ).rejects.toBeInstanceOf(StaleVersionError);
    expect(ddb.commandCalls(GetCommand)).toEqual([]);
  });

  it('fails plainly, naming every reason, when an item other than the receipt or the lead was refused', async () => {
    const lead = createMockLead();
    cancelledWith('None', 'None', 'ConditionalCheckFailed');

    const attempt = receipts.commit({
      receipt: { scope: 'wa-message', key: 'wamid.duplicate', ttlSeconds: 60 },
      lead: { previous: lead, next: { ...lead, version: 2 } },
      interactions: [createMockInteraction({ leadId: lead.leadId })],
    });

    await expect(attempt).rejects.toThrow(
      "Writing the lead's activity was cancelled (None, None, ConditionalCheckFailed)",
    );
    await expect(attempt).rejects.not.toBeInstanceOf(StaleVersionError);
    expect(ddb.commandCalls(GetCommand)).toEqual([]);
  });
});
