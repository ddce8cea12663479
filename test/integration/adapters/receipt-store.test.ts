import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLeadEventLog } from '../../../lambdas/adapters/dynamodb/lead-event-log';
import { createLeadRepository } from '../../../lambdas/adapters/dynamodb/lead-repository';
import { createReceiptStore } from '../../../lambdas/adapters/dynamodb/receipt-store';
import type { CrmService } from '../../../lambdas/adapters/dynamodb/service';
import { fixedClock } from '../../../lambdas/ports/clock';
import type { LeadEvent } from '../../../lambdas/ports/lead-events';
import type { ReceiptStore } from '../../../lambdas/ports/receipts';
import { createMockInteraction, createMockLead } from '../../helpers/factories';
import { createRecordedTable } from '../../helpers/recorded-table';

const clock = fixedClock('2026-11-25T12:00:00.000Z');
let service: CrmService;
let documents: DynamoDBDocumentClient;
let receipts: ReceiptStore;
let failNext: { command: string; error: Error } | undefined;

beforeAll(async () => {
  ({ service, documents } = await createRecordedTable());
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
  receipts = createReceiptStore(service, clock);
});

afterEach(() => {
  failNext = undefined;
});

describe('receipt store writes and failures (DynamoDB Local)', () => {
  it('records a delivery’s events with it, checked against the lead', async () => {
    const lead = createMockLead();
    await createLeadRepository(service).create(lead, []);
    const replied: LeadEvent = {
      leadId: lead.leadId,
      eventId: '01JD0000000000000000000R01',
      type: 'lead.replied',
      channel: 'whatsapp',
      occurredAt: '2026-11-25T12:00:00.000Z',
    };

    expect(
      await receipts.commit({
        receipt: { scope: 'wa-message', key: 'wamid.with-event', ttlSeconds: 60 },
        interactions: [
          createMockInteraction({ leadId: lead.leadId, type: 'whatsapp', direction: 'inbound' }),
        ],
        events: [replied],
      }),
    ).toBe(true);

    expect(await createLeadEventLog(service).since(lead.leadId, '2026-11-25T00:00:00.000Z')).toEqual([
      replied,
    ]);
  });

  it('passes on a failed claim that is not a refusal, so the delivery is tried again', async () => {
    failNext = {
      command: 'PutItemCommand',
      error: Object.assign(new Error('Throughput exceeded'), {
        name: 'ProvisionedThroughputExceededException',
      }),
    };

    await expect(
      receipts.claim({ scope: 'wa-status', key: 'wamid.busy:read', ttlSeconds: 60 }),
    ).rejects.toThrow('Throughput exceeded');
    expect(await receipts.has('wa-status', 'wamid.busy:read')).toBe(false);
    expect(await receipts.claim({ scope: 'wa-status', key: 'wamid.busy:read', ttlSeconds: 60 })).toBe(true);
  });
});
