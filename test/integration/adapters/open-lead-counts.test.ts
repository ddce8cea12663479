import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createOpenLeadRecountStore,
  readOpenLeadMark,
} from '../../../lambdas/adapters/dynamodb/open-lead-counts';
import { type CrmService, createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import type { OpenLeadRecountStore } from '../../../lambdas/ports/open-lead-counts';
import type { Lead } from '../../../schemas/api/leads';
import { createTestTable } from '../../helpers/dynamodb';
import { createMockLead } from '../../helpers/factories';
import { cancelled, interceptedDocuments } from '../../helpers/intercepted-documents';

let store: OpenLeadRecountStore;
let service: CrmService;
let table: ReturnType<typeof interceptedDocuments>;

beforeAll(async () => {
  const { client, tableName } = await createTestTable();
  table = interceptedDocuments(client);
  service = createCrmService(table.documents, tableName);
  store = createOpenLeadRecountStore(service);
});

beforeEach(() => table.clear());

const putLead = async (overrides: Partial<Lead>): Promise<Lead> => {
  const lead = createMockLead({ agentId: 'agent-ito', brokerageId: 'brokerage-count', ...overrides });
  await service.entities.lead.create(lead).go();
  return lead;
};

const counts = async (scope: string) => {
  const { data } = await service.entities.openLeadCount.get({ scope }).go();
  return data ?? undefined;
};

const facts = (lead: Lead) => ({
  leadId: lead.leadId,
  agentId: lead.agentId,
  brokerageId: lead.brokerageId,
  source: lead.source,
  status: lead.status,
  temperature: lead.temperature,
  score: lead.score,
  createdAt: lead.createdAt,
});

describe("the recount's reads", () => {
  it("pages through a brokerage's leads with their facts and versions, and reads one lead consistently", async () => {
    const leads: Lead[] = [];
    for (let n = 0; n < 3; n++) leads.push(await putLead({ brokerageId: 'brokerage-pages', version: n + 1 }));
    await putLead({ brokerageId: 'brokerage-elsewhere' });

    const page = await store.leadsOf('brokerage-pages');
    expect(page.items).toHaveLength(3);
    expect(page.items).toEqual(
      expect.arrayContaining(leads.map((lead) => ({ facts: facts(lead), version: lead.version }))),
    );
    expect(table.inputsOf('QueryCommand')).toEqual([expect.objectContaining({ Limit: 100 })]);

    expect(await store.lead(leads[0]!.leadId)).toStrictEqual({ facts: facts(leads[0]!), version: 1 });
    expect(table.inputsOf('GetCommand').at(-1)).toMatchObject({ ConsistentRead: true });
    expect(await store.lead('lead-gone')).toBeUndefined();
  });

  it('continues from a cursor past a full page', async () => {
    for (let n = 0; n < 101; n++) await putLead({ brokerageId: 'brokerage-big' });
    const first = await store.leadsOf('brokerage-big');
    expect(first.items).toHaveLength(100);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = await store.leadsOf('brokerage-big', first.nextCursor ?? undefined);
    expect(rest.items).toHaveLength(1);
  });

  it("reads a lead's mark at revision 0 before it has one", async () => {
    expect(await store.openLeadMark('lead-unmarked')).toEqual({ revision: 0 });
  });
});

describe("the recount's moves", () => {
  it('puts a lead into its counts and marks it, agent and brokerage alike', async () => {
    const lead = await putLead({ agentId: 'agent-move', brokerageId: 'brokerage-move', temperature: 'hot' });
    const to = { agentId: 'agent-move', temperature: 'hot' as const };

    expect(
      await store.move([
        { move: { leadId: lead.leadId, brokerageId: 'brokerage-move', to, revision: 0 }, version: 1 },
      ]),
    ).toBe('moved');

    expect(await counts('agent-move')).toMatchObject({ brokerageId: 'brokerage-move', hot: 1 });
    expect(await counts('brokerage#brokerage-move')).toMatchObject({ brokerageId: 'brokerage-move', hot: 1 });
    expect(await readOpenLeadMark(service, lead.leadId)).toEqual({ bucket: to, revision: 1 });
  });

  it('moves a lead between temperatures and agents, and out of every count, by its mark revision', async () => {
    const lead = await putLead({ agentId: 'agent-from', brokerageId: 'brokerage-shift' });
    const warmFrom = { agentId: 'agent-from', temperature: 'warm' as const };
    const hotTo = { agentId: 'agent-to', temperature: 'hot' as const };
    await store.move([
      {
        move: { leadId: lead.leadId, brokerageId: 'brokerage-shift', to: warmFrom, revision: 0 },
        version: 1,
      },
    ]);

    expect(
      await store.move([
        {
          move: {
            leadId: lead.leadId,
            brokerageId: 'brokerage-shift',
            from: warmFrom,
            to: hotTo,
            revision: 1,
          },
          version: 1,
        },
      ]),
    ).toBe('moved');
    expect(await counts('agent-from')).toMatchObject({ warm: 0 });
    expect(await counts('agent-to')).toMatchObject({ hot: 1 });
    expect(await counts('brokerage#brokerage-shift')).toMatchObject({ warm: 0, hot: 1 });
    expect(await readOpenLeadMark(service, lead.leadId)).toEqual({ bucket: hotTo, revision: 2 });

    expect(
      await store.move([
        {
          move: { leadId: lead.leadId, brokerageId: 'brokerage-shift', from: hotTo, revision: 2 },
          version: 1,
        },
      ]),
    ).toBe('moved');
    expect(await counts('brokerage#brokerage-shift')).toMatchObject({ warm: 0, hot: 0 });
    expect(await readOpenLeadMark(service, lead.leadId)).toEqual({ revision: 0 });
  });

  it('leaves a count untouched when a lead moves within it', async () => {
    const lead = await putLead({ agentId: 'agent-same', brokerageId: 'brokerage-same' });
    const bucket = { agentId: 'agent-same', temperature: 'cold' as const };
    await store.move([
      { move: { leadId: lead.leadId, brokerageId: 'brokerage-same', to: bucket, revision: 0 }, version: 1 },
    ]);
    table.clear();

    expect(
      await store.move([
        {
          move: { leadId: lead.leadId, brokerageId: 'brokerage-same', from: bucket, to: bucket, revision: 1 },
          version: 1,
        },
      ]),
    ).toBe('moved');
    const items = (table.inputsOf('TransactWriteCommand')[0]?.TransactItems ?? []) as unknown[];
    expect(items).toHaveLength(2);
    expect(await counts('brokerage#brokerage-same')).toMatchObject({ cold: 1 });
  });

  it('writes nothing and says changed when the lead moved on, is being erased, or its mark moved', async () => {
    const lead = await putLead({ agentId: 'agent-guard', brokerageId: 'brokerage-guard', version: 3 });
    const to = { agentId: 'agent-guard', temperature: 'warm' as const };
    const move = { leadId: lead.leadId, brokerageId: 'brokerage-guard', to, revision: 0 };

    expect(await store.move([{ move, version: 2 }])).toBe('changed');
    expect(await store.move([{ move: { ...move, revision: 4 }, version: 3 }])).toBe('changed');
    await service.entities.lead.patch({ leadId: lead.leadId }).set({ erasing: true }).go();
    expect(await store.move([{ move, version: 3 }])).toBe('changed');

    expect(await counts('agent-guard')).toBeUndefined();
    expect(await readOpenLeadMark(service, lead.leadId)).toEqual({ revision: 0 });
  });

  it('refuses a mark put at revision 0 when the lead already has one', async () => {
    const lead = await putLead({ agentId: 'agent-twice', brokerageId: 'brokerage-twice' });
    const to = { agentId: 'agent-twice', temperature: 'hot' as const };
    const move = { leadId: lead.leadId, brokerageId: 'brokerage-twice', to, revision: 0 };
    expect(await store.move([{ move, version: 1 }])).toBe('moved');
    expect(await store.move([{ move, version: 1 }])).toBe('changed');
    expect(await counts('agent-twice')).toMatchObject({ hot: 1 });
  });

  it('reads a conflict as changed, passes on any other cancellation, and writes nothing for no moves', async () => {
    const lead = await putLead({ agentId: 'agent-conflict', brokerageId: 'brokerage-conflict' });
    const move = {
      leadId: lead.leadId,
      brokerageId: 'brokerage-conflict',
      to: { agentId: 'agent-conflict', temperature: 'hot' as const },
      revision: 0,
    };
    table.instead(TransactWriteCommand, () => {
      throw cancelled('TransactionConflict', 'None', 'None', 'None');
    });
    expect(await store.move([{ move, version: 1 }])).toBe('changed');

    table.instead(TransactWriteCommand, () => {
      throw cancelled('None', 'ValidationError');
    });
    await expect(store.move([{ move, version: 1 }])).rejects.toThrow(
      'Counting the lead was cancelled (None, ValidationError)',
    );

    table.clear();
    expect(await store.move([])).toBe('moved');
    expect(table.inputsOf('TransactWriteCommand')).toEqual([]);
  });

  it('marks a brokerage seeded, keeping its counts', async () => {
    const lead = await putLead({ agentId: 'agent-seed', brokerageId: 'brokerage-seed' });
    await store.move([
      {
        move: {
          leadId: lead.leadId,
          brokerageId: 'brokerage-seed',
          to: { agentId: 'agent-seed', temperature: 'warm' },
          revision: 0,
        },
        version: 1,
      },
    ]);
    await store.markSeeded('brokerage-seed', '2026-12-01T09:00:00.000Z');
    expect(await counts('brokerage#brokerage-seed')).toMatchObject({
      brokerageId: 'brokerage-seed',
      seededAt: '2026-12-01T09:00:00.000Z',
      warm: 1,
    });
  });
});
