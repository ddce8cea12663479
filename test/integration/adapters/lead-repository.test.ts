import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoAnalysisCache } from '../../../lambdas/adapters/dynamodb/analysis-cache';
import { createIdempotencyLinks } from '../../../lambdas/adapters/dynamodb/idempotency-links';
import { createLeadEventLog } from '../../../lambdas/adapters/dynamodb/lead-event-log';
import { createLeadRepository } from '../../../lambdas/adapters/dynamodb/lead-repository';
import { createMessageRefRepository } from '../../../lambdas/adapters/dynamodb/message-ref-repository';
import { createScoreRepository } from '../../../lambdas/adapters/dynamodb/score-repository';
import type { CrmService } from '../../../lambdas/adapters/dynamodb/service';
import { NotFoundError } from '../../../lambdas/domain/errors';
import { analyzeContent } from '../../../lambdas/domain/scoring/heuristic-content-analyzer';
import { fixedClock } from '../../../lambdas/ports/clock';
import type { LeadRepository } from '../../../lambdas/ports/lead-repository';
import { createIdGenerator } from '../../../lambdas/shared/ids';
import { aLead, aSnapshot, freshOwner } from '../../contracts/world';
import { scanTable } from '../../helpers/dynamodb';
import { createMockInteraction } from '../../helpers/factories';
import { createRecordedTable } from '../../helpers/recorded-table';

const newId = createIdGenerator();
let service: CrmService;
let tableName: string;
let leads: LeadRepository;

beforeAll(async () => {
  ({ service, tableName } = await createRecordedTable());
});

// Made for each test, so a mutant in the factory itself is live while the test runs.
beforeEach(() => {
  leads = createLeadRepository(service);
});

describe('lead repository reads and erase (DynamoDB Local)', () => {
  it('reads a batch once per lead, however often an id is asked for, leaving out leads being erased', async () => {
    const [kept, erasing] = [aLead(), aLead()];
    await leads.create(kept, []);
    await leads.create(erasing, []);
    await service.entities.lead.patch({ leadId: erasing.leadId }).set({ erasing: true }).go();

    expect(await leads.getMany([kept.leadId, kept.leadId, erasing.leadId, 'lead-never-made'])).toEqual([
      kept,
    ]);
    expect(await leads.getMany([])).toEqual([]);
  });

  it('finds the brokerage’s leads by a contact, leaving out one being erased', async () => {
    const { brokerageId } = freshOwner();
    const [dana, omar] = [
      aLead({ brokerageId, agentId: `${brokerageId}-dana`, phone: '+12125550141' }),
      aLead({ brokerageId, agentId: `${brokerageId}-omar`, phone: '+12125550141' }),
    ];
    await leads.create(dana, []);
    await leads.create(omar, []);
    await service.entities.lead.patch({ leadId: omar.leadId }).set({ erasing: true }).go();

    expect(await leads.findByContact(brokerageId, { kind: 'phone', value: '+12125550141' })).toEqual([dana]);
    expect(await leads.findByContact(brokerageId, { kind: 'email', value: 'nobody@example.com' })).toEqual(
      [],
    );
  });

  it('erases a lead with more of each kind than one page holds, leaving nothing that names it', async () => {
    const clock = fixedClock('2026-11-25T12:00:00.000Z');
    const lead = aLead({ phone: '+12125550142', email: 'quinn.ash@example.com' });
    const first = Array.from({ length: 60 }, () =>
      createMockInteraction({ leadId: lead.leadId, interactionId: newId() }),
    );
    await leads.create(lead, first);
    const more = Array.from({ length: 45 }, () =>
      createMockInteraction({ leadId: lead.leadId, interactionId: newId() }),
    );
    for (const item of more) await service.entities.interaction.create(item).go();
    let current = lead;
    for (let i = 0; i < 3; i++) {
      const next = { ...current, score: 40 + i, version: current.version + 1 };
      await createScoreRepository(service).saveScore(current, next, aSnapshot(lead.leadId, newId(), 40 + i));
      current = next;
    }
    await createLeadEventLog(service).record({
      leadId: lead.leadId,
      eventId: newId(),
      type: 'lead.replied',
      occurredAt: '2026-11-25T12:00:00.000Z',
    });
    await createDynamoAnalysisCache(service, clock).put(
      { leadId: lead.leadId, hash: 'f'.repeat(64) },
      analyzeContent({ text: 'Any 2 bed by the river?' }),
    );
    await createMessageRefRepository(service).createIfAbsent({
      externalId: 'wamid.erase-me',
      leadId: lead.leadId,
      interactionId: first[0]!.interactionId,
      createdAt: '2026-11-25T12:00:00.000Z',
    });
    await createIdempotencyLinks(service).link(lead.leadId, 'fn#erase-me', 1_900_000_000, clock.now());

    await leads.erase(current);

    const left = (await scanTable(tableName)).filter((item) => JSON.stringify(item).includes(lead.leadId));
    expect(left).toEqual([]);
    expect(await leads.findByContact(lead.brokerageId, { kind: 'phone', value: '+12125550142' })).toEqual([]);
    await leads.create(
      aLead({
        agentId: lead.agentId,
        brokerageId: lead.brokerageId,
        phone: '+12125550142',
        email: 'quinn.ash@example.com',
      }),
      [],
    );
  }, 60_000);

  it('answers the erase of a lead that does not exist with not found, creating nothing', async () => {
    const ghost = aLead();

    await expect(leads.erase(ghost)).rejects.toBeInstanceOf(NotFoundError);
    expect((await scanTable(tableName)).filter((item) => item.leadId === ghost.leadId)).toEqual([]);
  });
});
