import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLeadEventLog } from '../../../lambdas/adapters/dynamodb/lead-event-log';
import { createLeadRepository } from '../../../lambdas/adapters/dynamodb/lead-repository';
import type { CrmService } from '../../../lambdas/adapters/dynamodb/service';
import { LeadGoneError } from '../../../lambdas/domain/leads/lead-errors';
import type { LeadEvent, LeadEventLog } from '../../../lambdas/ports/lead-events';
import { scanTable } from '../../helpers/dynamodb';
import { createMockLead } from '../../helpers/factories';
import { createRecordedTable } from '../../helpers/recorded-table';

let service: CrmService;
let tableName: string;
let log: LeadEventLog;

beforeAll(async () => {
  ({ service, tableName } = await createRecordedTable());
});

// Made for each test, so a mutant in the factory itself is live while the test runs.
beforeEach(() => {
  log = createLeadEventLog(service);
});

const aliveLead = async () => {
  const lead = createMockLead();
  await createLeadRepository(service).create(lead, []);
  return lead;
};

const event = (
  leadId: string,
  eventId: string,
  occurredAt: string,
  extra: Partial<LeadEvent> = {},
): LeadEvent => ({
  leadId,
  eventId,
  type: 'lead.replied',
  occurredAt,
  ...extra,
});

const storedEvents = async (leadId: string) =>
  (await scanTable(tableName)).filter((item) => item.leadId === leadId && item.eventId !== undefined);

describe('lead event log (DynamoDB Local)', () => {
  it('records an event of a live lead as given', async () => {
    const { leadId } = await aliveLead();
    const replied = event(leadId, '01JD0000000000000000000001', '2026-11-25T12:00:00.000Z', {
      channel: 'whatsapp',
      data: { interactionId: 'int-1' },
    });

    await log.record(replied);

    expect(await log.since(leadId, '2026-11-25T00:00:00.000Z')).toEqual([replied]);
    expect(await storedEvents(leadId)).toHaveLength(1);
  });

  it('refuses an event of a lead that is gone, writing nothing', async () => {
    const recording = log.record(
      event('lead-never-made', '01JD0000000000000000000002', '2026-11-25T12:00:00.000Z'),
    );

    await expect(recording).rejects.toBeInstanceOf(LeadGoneError);
    expect(await storedEvents('lead-never-made')).toEqual([]);
  });

  it('refuses an event of a lead being erased, writing nothing', async () => {
    const { leadId } = await aliveLead();
    await service.entities.lead.patch({ leadId }).set({ erasing: true }).go();

    await expect(
      log.record(event(leadId, '01JD0000000000000000000003', '2026-11-25T12:00:00.000Z')),
    ).rejects.toBeInstanceOf(LeadGoneError);
    expect(await storedEvents(leadId)).toEqual([]);
  });

  it('refuses to record the same event twice, keeping the first, without blaming the lead', async () => {
    const { leadId } = await aliveLead();
    const first = event(leadId, '01JD0000000000000000000004', '2026-11-25T12:00:00.000Z');
    await log.record(first);

    const again = log.record({ ...first, type: 'lead.opted_out' });

    await expect(again).rejects.toThrow('Event 01JD0000000000000000000004 could not be recorded');
    await expect(again).rejects.not.toBeInstanceOf(LeadGoneError);
    expect(await log.since(leadId, '2026-11-25T00:00:00.000Z')).toEqual([first]);
  });

  it('gives a lead’s events strictly after a time, oldest first, and none of other leads', async () => {
    const { leadId } = await aliveLead();
    const other = await aliveLead();
    // Ids out of time order, as events recorded late by a retry would be.
    const late = event(leadId, '01JD0000000000000000000009', '2026-11-25T12:00:01.000Z');
    const early = event(leadId, '01JD000000000000000000000A', '2026-11-25T12:00:00.500Z', {
      type: 'lead.opted_out',
    });
    const atBoundary = event(leadId, '01JD0000000000000000000005', '2026-11-25T12:00:00.000Z');
    await log.record(late);
    await log.record(early);
    await log.record(atBoundary);
    await log.record(event(other.leadId, '01JD0000000000000000000006', '2026-11-25T12:00:02.000Z'));

    expect(await log.since(leadId, '2026-11-25T12:00:00.000Z')).toEqual([early, late]);
    expect(await log.since(leadId, '2026-11-25T12:00:01.000Z')).toEqual([]);
  });
});
