import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createInteractionRepository } from '../../../lambdas/adapters/dynamodb/interaction-repository';
import { createLeadRepository } from '../../../lambdas/adapters/dynamodb/lead-repository';
import { createMessageRefRepository } from '../../../lambdas/adapters/dynamodb/message-ref-repository';
import { createReceiptStore } from '../../../lambdas/adapters/dynamodb/receipt-store';
import { createRoutingCursor } from '../../../lambdas/adapters/dynamodb/routing-cursor-repository';
import { type CrmService, createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import { StaleVersionError } from '../../../lambdas/domain/errors';
import { fixedClock } from '../../../lambdas/ports/clock';
import { createTestTable } from '../../helpers/dynamodb';
import { createMockInteraction, createMockLead } from '../../helpers/factories';

const clock = fixedClock('2026-11-25T12:00:00.000Z');
let service: CrmService;

beforeAll(async () => {
  const { client, tableName } = await createTestTable();
  service = createCrmService(
    DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    tableName,
  );
});

describe('receipt store (DynamoDB Local)', () => {
  it('holds a receipt until it expires, even before TTL has removed it', async () => {
    const receipts = createReceiptStore(service, clock);
    const receipt = { scope: 'wa-status', key: 'wamid.A:read', ttlSeconds: 60 } as const;

    expect(await receipts.claim(receipt)).toBe(true);
    expect(await receipts.claim(receipt)).toBe(false);
    expect(await receipts.has('wa-status', 'wamid.A:read')).toBe(true);
    clock.advance(61_000);
    expect(await receipts.has('wa-status', 'wamid.A:read')).toBe(false);
    expect(await receipts.claim(receipt)).toBe(true);
  });

  it('writes a delivery with its receipt once: a repeat writes nothing', async () => {
    const receipts = createReceiptStore(service, clock);
    const leads = createLeadRepository(service);
    const lead = createMockLead();
    await leads.create(lead, []);
    const first = createMockInteraction({ leadId: lead.leadId, type: 'whatsapp', direction: 'inbound' });
    const repeat = createMockInteraction({ leadId: lead.leadId, type: 'whatsapp', direction: 'inbound' });
    const receipt = { scope: 'wa-message', key: 'wamid.B', ttlSeconds: 3600 } as const;

    const wrote = await receipts.commit({
      receipt,
      lead: { previous: lead, next: { ...lead, version: 2, engagement: { ...lead.engagement, replies: 1 } } },
      interactions: [first],
    });
    const again = await receipts.commit({
      receipt,
      lead: { previous: { ...lead, version: 2 }, next: { ...lead, version: 3 } },
      interactions: [repeat],
    });

    expect([wrote, again]).toEqual([true, false]);
    expect((await leads.get(lead.leadId))?.version).toBe(2);
    const timeline = await createInteractionRepository(service).listTimeline(lead.leadId, { limit: 10 });
    expect(timeline.items.map((item) => item.interactionId)).toEqual([first.interactionId]);
  });

  it('refuses a write over a lead that changed meanwhile, writing none of it', async () => {
    const receipts = createReceiptStore(service, clock);
    const leads = createLeadRepository(service);
    const lead = createMockLead();
    await leads.create(lead, []);
    await leads.update(lead, { ...lead, version: 2 });
    const message = createMockInteraction({ leadId: lead.leadId });

    await expect(
      receipts.commit({
        receipt: { scope: 'wa-message', key: 'wamid.C', ttlSeconds: 3600 },
        lead: { previous: lead, next: { ...lead, version: 2 } },
        interactions: [message],
      }),
    ).rejects.toBeInstanceOf(StaleVersionError);

    expect(await receipts.has('wa-message', 'wamid.C')).toBe(false);
    const timeline = await createInteractionRepository(service).listTimeline(lead.leadId, { limit: 10 });
    expect(timeline.items).toEqual([]);
  });
});

describe('message refs (DynamoDB Local)', () => {
  it('moves a delivery status only from the status it was read at', async () => {
    const refs = createMessageRefRepository(service);
    const lead = createMockLead();
    await createLeadRepository(service).create(lead, []);
    const message = createMockInteraction({
      leadId: lead.leadId,
      type: 'whatsapp',
      direction: 'outbound',
      deliveryStatus: 'accepted',
    });
    await createInteractionRepository(service).add(message);
    const ref = {
      externalId: 'wamid.D',
      leadId: message.leadId,
      interactionId: message.interactionId,
      createdAt: clock.now().toISOString(),
    };

    const read = await refs.changeDelivery(ref, 'accepted', { deliveryStatus: 'read' });
    const lateDelivered = await refs.changeDelivery(ref, 'accepted', { deliveryStatus: 'delivered' });

    expect([read, lateDelivered]).toEqual([true, false]);
    expect((await refs.interactionOf(ref))?.deliveryStatus).toBe('read');
  });

  it('keeps the first of two refs made for the same key', async () => {
    const refs = createMessageRefRepository(service);
    const base = { externalId: 'fb-user:100000000000901', createdAt: clock.now().toISOString() };

    const [a, b] = await Promise.all([
      refs.createIfAbsent({ ...base, leadId: 'LEAD-A', interactionId: 'LEAD-A' }),
      refs.createIfAbsent({ ...base, leadId: 'LEAD-B', interactionId: 'LEAD-B' }),
    ]);

    expect(a.leadId).toBe(b.leadId);
    expect((await refs.find(base.externalId))?.leadId).toBe(a.leadId);
  });
});

describe('routing cursor (DynamoDB Local)', () => {
  it('hands out each turn once, however many deliveries ask at the same time', async () => {
    const cursor = createRoutingCursor(service);

    const turns = await Promise.all(Array.from({ length: 10 }, () => cursor.next('brokerage-riverside')));

    expect([...turns].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
