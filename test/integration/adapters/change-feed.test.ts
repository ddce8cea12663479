import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChangeFeed } from '../../../lambdas/adapters/dynamodb/change-feed';
import { type CrmService, createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import type { ChangeFeed, FeedEntry } from '../../../lambdas/ports/change-feed';
import type { Task } from '../../../lambdas/ports/tasks';
import { createTestTable } from '../../helpers/dynamodb';
import { createMockInteraction, createMockLead } from '../../helpers/factories';
import { createMockListing } from '../../helpers/in-memory-change-feed';
import { interceptedDocuments } from '../../helpers/intercepted-documents';

let feed: ChangeFeed;
let service: CrmService;
let table: ReturnType<typeof interceptedDocuments>;

beforeAll(async () => {
  const { client, tableName } = await createTestTable();
  table = interceptedDocuments(client);
  service = createCrmService(table.documents, tableName);
  feed = createChangeFeed(service);
});

beforeEach(() => table.clear());

const changedAt = '2026-12-01T09:00:00.000Z';

const entry = (position: number, overrides: Partial<FeedEntry> = {}): FeedEntry => ({
  position,
  kind: 'lead',
  entityId: `lead-${position}`,
  op: 'upsert',
  changedAt,
  ...overrides,
});

const write = (feedId: string, e: FeedEntry) =>
  service.entities.changeFeedEntry.create({ agentId: feedId, ...e, expiresAt: 1_900_000_000 }).go();

describe('reading a feed after a position', () => {
  beforeAll(async () => {
    await write('agent-feed', entry(1));
    await write('agent-feed', entry(2, { kind: 'task', entityId: 'task-2', leadId: 'lead-1' }));
    await write('agent-feed', entry(3, { op: 'delete' }));
    await write('agent-other', entry(1, { entityId: 'lead-elsewhere' }));
  });

  it('returns the entries after the position in order, without storage fields, read consistently', async () => {
    const { entries, hasMore } = await feed.after('agent-feed', 1, 10);
    expect(entries).toStrictEqual([
      entry(2, { kind: 'task', entityId: 'task-2', leadId: 'lead-1' }),
      entry(3, { op: 'delete' }),
    ]);
    expect(hasMore).toBe(false);
    expect(table.inputsOf('QueryCommand')).toEqual([expect.objectContaining({ ConsistentRead: true })]);
  });

  it('says there is more only past the limit', async () => {
    expect(await feed.after('agent-feed', 0, 2)).toStrictEqual({
      entries: [entry(1), expect.anything()],
      hasMore: true,
    });
    expect((await feed.after('agent-feed', 0, 2)).entries.map((e) => e.position)).toEqual([1, 2]);
    expect(await feed.after('agent-feed', 0, 3)).toMatchObject({ hasMore: false });
    expect(await feed.after('agent-feed', 3, 3)).toStrictEqual({ entries: [], hasMore: false });
  });
});

describe('the items a page of entries names', () => {
  it('reads each named lead, task, timeline entry and listing as it is now, once, and never a deletion', async () => {
    const lead = createMockLead({ name: 'Rosa Vidal' });
    await service.entities.lead.create(lead).go();
    const task: Task = {
      taskId: 'task-feed',
      leadId: lead.leadId,
      agentId: lead.agentId,
      brokerageId: lead.brokerageId,
      kind: 'reminder',
      title: 'Send the brochure',
      dueAt: changedAt,
      status: 'open',
      createdAt: changedAt,
      updatedAt: changedAt,
    };
    await service.entities.task.create(task).go();
    const line = createMockInteraction({ leadId: lead.leadId });
    await service.entities.interaction.create(line).go();
    const listing = createMockListing();
    await service.entities.listing.create(listing).go();

    const found = await feed.current([
      entry(1, { entityId: lead.leadId }),
      entry(2, { entityId: lead.leadId }),
      entry(3, { kind: 'task', entityId: 'task-feed', leadId: lead.leadId }),
      entry(4, { kind: 'interaction', entityId: line.interactionId, leadId: lead.leadId }),
      entry(5, { kind: 'listing', entityId: listing.listingId }),
      entry(6, { entityId: 'lead-deleted', op: 'delete' }),
      entry(7, { kind: 'task', entityId: 'task-without-lead' }),
      entry(8, { kind: 'interaction', entityId: 'line-without-lead' }),
      entry(9, { entityId: 'lead-missing' }),
    ]);

    expect([...found.keys()].sort()).toEqual(
      [
        `lead#${lead.leadId}`,
        'task#task-feed',
        `interaction#${line.interactionId}`,
        `listing#${listing.listingId}`,
      ].sort(),
    );
    expect(found.get(`lead#${lead.leadId}`)).toMatchObject({ name: 'Rosa Vidal' });
    expect(found.get('task#task-feed')).toMatchObject({ title: 'Send the brochure' });
    expect(found.get(`interaction#${line.interactionId}`)).toMatchObject({ text: line.text });
    expect(found.get(`listing#${listing.listingId}`)).toStrictEqual(listing);

    const gets = table.inputsOf('BatchGetCommand');
    expect(gets).toHaveLength(4);
    for (const input of gets) {
      const [request] = Object.values(
        input.RequestItems as Record<string, { Keys: unknown[]; ConsistentRead?: boolean }>,
      );
      expect(request?.ConsistentRead).toBe(true);
    }
    const keyCounts = gets.map(
      (input) => Object.values(input.RequestItems as Record<string, { Keys: unknown[] }>)[0]?.Keys.length,
    );
    expect(keyCounts.sort()).toEqual([1, 1, 1, 2]);
  });

  it('asks again for keys the table left unprocessed, and gives up after five rounds', async () => {
    const lead = createMockLead();
    await service.entities.lead.create(lead).go();
    const handBack = () => {
      const { RequestItems } = (table.sent.at(-1)?.input ?? {}) as { RequestItems: Record<string, unknown> };
      return { Responses: {}, UnprocessedKeys: RequestItems };
    };

    table.instead(BatchGetCommand, handBack);
    const found = await feed.current([entry(1, { entityId: lead.leadId })]);
    expect(found.get(`lead#${lead.leadId}`)).toMatchObject({ leadId: lead.leadId });
    expect(table.inputsOf('BatchGetCommand')).toHaveLength(2);

    table.clear();
    for (let round = 0; round < 6; round++) table.instead(BatchGetCommand, handBack);
    await expect(feed.current([entry(1, { entityId: lead.leadId })])).rejects.toThrow(
      'The table kept leaving keys of a batch get unprocessed',
    );
    expect(table.inputsOf('BatchGetCommand')).toHaveLength(5);
  });

  it('reads nothing for no entries', async () => {
    expect((await feed.current([])).size).toBe(0);
    expect(table.inputsOf('BatchGetCommand')).toEqual([]);
  });
});
