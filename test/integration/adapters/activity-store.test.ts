import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createActivityStore } from '../../../lambdas/adapters/dynamodb/activity-store';
import { createFollowUpRunRepository } from '../../../lambdas/adapters/dynamodb/follow-up-run-repository';
import { type CrmService, createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import type { ActivityStore, ActivityWrite } from '../../../lambdas/ports/activity-store';
import { createTestTable } from '../../helpers/dynamodb';
import { createMockLead } from '../../helpers/factories';
import { cancelled, interceptedDocuments } from '../../helpers/intercepted-documents';
import { createMockSequence } from '../../helpers/sequences';

let store: ActivityStore;
let service: CrmService;
let tableName: string;
let table: ReturnType<typeof interceptedDocuments>;

const DAY = 86_400;
const at = '2026-12-01T09:00:00.000Z';
const atEpoch = Date.parse(at) / 1000;

beforeAll(async () => {
  const created = await createTestTable();
  tableName = created.tableName;
  table = interceptedDocuments(created.client);
  service = createCrmService(table.documents, tableName);
  store = createActivityStore(service);
});

beforeEach(() => table.clear());

const activity = (receiptId: string, overrides: Partial<ActivityWrite> = {}): ActivityWrite => ({
  receiptId,
  feed: [],
  counters: [],
  marks: [],
  at,
  ...overrides,
});

const change = (agentId: string, entityId: string, leadId?: string) => ({
  agentId,
  kind: 'lead' as const,
  entityId,
  ...(leadId && { leadId }),
  op: 'upsert' as const,
  changedAt: at,
});

const entriesOf = async (agentId: string) =>
  (await service.entities.changeFeedEntry.query.byAgentPosition({ agentId }).go({ pages: 'all' })).data;
const headOf = async (agentId: string) => (await service.entities.changeFeedHead.get({ agentId }).go()).data;

describe('writing one record of activity', () => {
  it("puts each agent's entries at the positions after its head, with counters, marks and receipt", async () => {
    const result = await store.write(
      activity('rec-1', {
        feed: [
          change('agent-a', 'lead-1'),
          change('agent-b', 'lead-2', 'lead-2'),
          change('agent-a', 'lead-3'),
        ],
        counters: [{ scope: 'agent-a', day: '2026-12-01', counts: { leads: 2 } }],
        marks: [{ leadId: 'lead-1', mark: 'created', at }],
      }),
    );

    expect(result).toBe('written');
    expect(await entriesOf('agent-a')).toEqual([
      {
        agentId: 'agent-a',
        position: 1,
        kind: 'lead',
        entityId: 'lead-1',
        op: 'upsert',
        changedAt: at,
        expiresAt: atEpoch + 90 * DAY,
      },
      {
        agentId: 'agent-a',
        position: 2,
        kind: 'lead',
        entityId: 'lead-3',
        op: 'upsert',
        changedAt: at,
        expiresAt: atEpoch + 90 * DAY,
      },
    ]);
    expect(await entriesOf('agent-b')).toEqual([expect.objectContaining({ position: 1, leadId: 'lead-2' })]);
    expect(await headOf('agent-a')).toMatchObject({ position: 2, updatedAt: at });
    expect(await headOf('agent-b')).toMatchObject({ position: 1 });
    expect(
      (await service.entities.activityCounter.get({ scope: 'agent-a', day: '2026-12-01' }).go()).data,
    ).toMatchObject({
      leads: 2,
    });
    const [mark] = (await service.entities.activityMark.query.byLead({ leadId: 'lead-1' }).go()).data;
    expect(mark).toMatchObject({ mark: 'created', at, expiresAt: atEpoch + 540 * DAY });

    const receipt = (await service.entities.receipt.get({ scope: 'activity', key: 'rec-1' }).go()).data;
    const now = Math.floor(Date.now() / 1000);
    expect(receipt?.expiresAt).toBeGreaterThanOrEqual(now + 3 * DAY - 5);
    expect(receipt?.expiresAt).toBeLessThanOrEqual(now + 3 * DAY);
    expect(receipt?.createdAt).toBe(at);
  });

  it('continues from the head, adds to counters, and writes a record delivered again only once', async () => {
    const next = activity('rec-2', {
      feed: [change('agent-a', 'lead-4')],
      counters: [{ scope: 'agent-a', day: '2026-12-01', counts: { leads: 1 } }],
    });
    expect(await store.write(next)).toBe('written');
    expect(await store.write(next)).toBe('duplicate');

    expect((await entriesOf('agent-a')).map((e) => e.position)).toEqual([1, 2, 3]);
    expect(await headOf('agent-a')).toMatchObject({ position: 3 });
    expect(
      (await service.entities.activityCounter.get({ scope: 'agent-a', day: '2026-12-01' }).go()).data,
    ).toMatchObject({
      leads: 3,
    });
  });

  it('writes nothing when a mark it counts on was taken meanwhile, so the record is planned again', async () => {
    await store.write(activity('rec-mark-1', { marks: [{ leadId: 'lead-m', mark: 'replied', at }] }));

    const again = activity('rec-mark-2', {
      feed: [change('agent-m', 'lead-m')],
      counters: [{ scope: 'agent-m', day: '2026-12-01', counts: { leads: 1 } }],
      marks: [{ leadId: 'lead-m', mark: 'replied', at }],
    });
    expect(await store.write(again)).toBe('marks_taken');
    expect(await entriesOf('agent-m')).toEqual([]);
    expect(
      (await service.entities.receipt.get({ scope: 'activity', key: 'rec-mark-2' }).go()).data,
    ).toBeNull();
  });

  it("reads an open-lead mark at another revision as taken, and moves the lead's counts with the record", async () => {
    const move = {
      leadId: 'lead-o',
      brokerageId: 'brokerage-o',
      to: { agentId: 'agent-o', temperature: 'hot' as const },
      revision: 0,
    };
    expect(await store.write(activity('rec-open-1', { openLead: move }))).toBe('written');
    expect(await store.openLeadMark('lead-o')).toEqual({ bucket: move.to, revision: 1 });
    expect((await service.entities.openLeadCount.get({ scope: 'agent-o' }).go()).data).toMatchObject({
      hot: 1,
    });

    expect(await store.write(activity('rec-open-2', { openLead: move }))).toBe('marks_taken');
    expect((await service.entities.openLeadCount.get({ scope: 'agent-o' }).go()).data).toMatchObject({
      hot: 1,
    });
  });

  it('moves past a head another record moved first, without a gap or a position twice', async () => {
    const rival = createActivityStore(service);
    table.before(TransactWriteCommand, async () => {
      await rival.write(activity('rec-rival', { feed: [change('agent-r', 'lead-rival')] }));
    });

    expect(await store.write(activity('rec-mine', { feed: [change('agent-r', 'lead-mine')] }))).toBe(
      'written',
    );

    expect((await entriesOf('agent-r')).map((e) => [e.position, e.entityId])).toEqual([
      [1, 'lead-rival'],
      [2, 'lead-mine'],
    ]);
    expect(await headOf('agent-r')).toMatchObject({ position: 2 });
  });

  it('gives up after eight tries when the head keeps moving, and fails on any other cancellation', async () => {
    for (let i = 0; i < 9; i++) {
      table.instead(TransactWriteCommand, () => {
        throw cancelled('None', 'TransactionConflict');
      });
    }
    await expect(
      store.write(activity('rec-busy', { feed: [change('agent-busy', 'lead-1')] })),
    ).rejects.toThrow('The change feed head kept moving; the record is retried');
    expect(table.inputsOf('TransactWriteCommand')).toHaveLength(8);

    table.clear();
    table.instead(TransactWriteCommand, () => {
      throw cancelled('None', 'ValidationError');
    });
    await expect(
      store.write(activity('rec-broken', { feed: [change('agent-busy', 'lead-1')] })),
    ).rejects.toThrow('Writing activity was cancelled (None, ValidationError)');
    expect(table.inputsOf('TransactWriteCommand')).toHaveLength(1);
  });

  it('reads the feed heads consistently', async () => {
    await store.write(activity('rec-consistent', { feed: [change('agent-c', 'lead-1')] }));
    expect(table.inputsOf('GetCommand')).toEqual([expect.objectContaining({ ConsistentRead: true })]);
  });
});

describe("the activity consumer's reads", () => {
  it("reads a lead's facts without its words, and nothing for a lead that is gone or does not parse", async () => {
    const lead = createMockLead({ name: 'Omar Haddad', score: 42, temperature: 'cold' });
    await service.entities.lead.create(lead).go();
    table.clear();

    expect(await store.leadFacts(lead.leadId)).toStrictEqual({
      leadId: lead.leadId,
      agentId: lead.agentId,
      brokerageId: lead.brokerageId,
      source: lead.source,
      status: lead.status,
      temperature: 'cold',
      score: 42,
      createdAt: lead.createdAt,
    });
    expect(table.inputsOf('GetCommand')).toEqual([expect.objectContaining({ ConsistentRead: true })]);
    expect(await store.leadFacts('lead-gone')).toBeUndefined();

    const broken = createMockLead();
    const { Item } = service.entities.lead.create(broken).params() as { Item: Record<string, unknown> };
    await table.documents.send(new PutCommand({ TableName: tableName, Item: { ...Item, score: 'high' } }));
    expect(await store.leadFacts(broken.leadId)).toBeUndefined();
  });

  it("names a run's lead, and nothing for a run that is gone", async () => {
    const { sequenceId, version, name, temperature, steps } = createMockSequence();
    await createFollowUpRunRepository(service).create(
      {
        enrollmentId: 'enr-activity',
        steps: [{ dueAt: at, timeZone: 'UTC' }],
        enrolment: {
          leadId: 'lead-run',
          agentId: 'agent-a',
          enrolledAt: at,
          sequence: { sequenceId, version, name, temperature, steps },
        },
      },
      new Date(at),
    );
    expect(await store.leadOfRun('enr-activity')).toBe('lead-run');
    expect(await store.leadOfRun('enr-gone')).toBeUndefined();
  });

  it("reads a lead's marks with their times, consistently", async () => {
    await store.write(
      activity('rec-marks', {
        marks: [
          { leadId: 'lead-k', mark: 'created', at },
          { leadId: 'lead-k', mark: 'converted', at: '2026-12-05T10:00:00.000Z' },
        ],
      }),
    );
    table.clear();
    expect(await store.marksOf('lead-k')).toEqual(
      new Map([
        ['created', at],
        ['converted', '2026-12-05T10:00:00.000Z'],
      ]),
    );
    expect(table.inputsOf('QueryCommand')).toEqual([expect.objectContaining({ ConsistentRead: true })]);
    expect(await store.marksOf('lead-none')).toEqual(new Map());
  });
});
