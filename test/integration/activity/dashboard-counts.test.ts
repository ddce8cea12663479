import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardQueries } from '../../../lambdas/adapters/dynamodb/dashboard-queries';
import { createDocumentClient } from '../../../lambdas/adapters/dynamodb/document-client';
import type { LeadItem } from '../../../lambdas/adapters/dynamodb/entities/lead';
import { createOpenLeadRecountStore } from '../../../lambdas/adapters/dynamodb/open-lead-counts';
import { type CrmService, createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import { countOpenLeads } from '../../../lambdas/domain/dashboard/count-open-leads';
import { fixedClock } from '../../../lambdas/ports/clock';
import { demoBrokerageId } from '../../../lib/local/demo-users';
import type { StreamPoller } from '../../../lib/local/stream-poller';
import { startTestActivity } from '../../helpers/activity';
import { admin, agent1, agent2, type Json, startTestApi, type TestApi } from '../../helpers/local-api';

let api: TestApi;
let crm: CrmService;
let activity: StreamPoller | undefined;

const createdAt = '2026-11-20T15:00:00.000Z';
/** A lead as the table holds it, written straight in: a lead from before the counters were kept. */
const leadItem = (agentId: string, temperature: 'hot' | 'warm' | 'cold', n: number): LeadItem => ({
  leadId: ulid(Date.parse(createdAt) + n),
  agentId,
  brokerageId: demoBrokerageId,
  name: `Count Lead ${n}`,
  source: 'website',
  status: 'new',
  temperature,
  temperatureSetBy: 'score',
  score: temperature === 'hot' ? 85 : temperature === 'warm' ? 55 : 20,
  tags: [],
  engagement: { likes: 0, shares: 0, comments: 0, replies: 0 },
  version: 1,
  createdAt,
  updatedAt: createdAt,
});

const warmOf1 = Array.from({ length: 150 }, (_, n) => leadItem(agent1.sub, 'warm', n));
const hotOf2 = Array.from({ length: 3 }, (_, n) => leadItem(agent2.sub, 'hot', 1_000 + n));

const board = async (as = agent1, query = '?limit=2') => {
  const res = await api.call('GET', `/leads/dashboard${query}`, { as });
  expect(res.status).toBe(200);
  const { hot, warm, cold } = res.body.leads;
  return {
    hot: hot.count,
    warm: warm.count,
    cold: cold.count,
    atLeast: [hot, warm, cold].some((b: Json) => b.countAtLeast),
  };
};
const countsOf = (agentId: string) =>
  createDashboardQueries(crm).openLeadCounts({ agentId }, demoBrokerageId);
const teamCounts = () =>
  createDashboardQueries(crm).openLeadCounts({ brokerageId: demoBrokerageId }, demoBrokerageId);
const recount = () =>
  countOpenLeads(demoBrokerageId, {
    recount: createOpenLeadRecountStore(crm),
    clock: fixedClock('2026-12-01T09:00:00Z'),
  });

beforeAll(async () => {
  api = await startTestApi();
  crm = createCrmService(
    createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT }),
    api.tableName,
  );
  for (const user of [agent1, agent2, admin]) await api.call('GET', '/agents/me', { as: user });
  // Batch writes, with no activity consumer running yet: leads a live stack held before its counters.
  const { unprocessed } = await crm.entities.lead.put([...warmOf1, ...hotOf2]).go({ concurrency: 4 });
  expect(unprocessed).toHaveLength(0);
}, 120_000);
afterAll(async () => {
  await activity?.stop();
  api.close();
});

describe('dashboard lead counts', () => {
  it('are capped until the older leads are counted in once, then exact past 100 for the agent and the team', async () => {
    expect(await board()).toEqual({ hot: 0, warm: 100, cold: 0, atLeast: true });

    expect(await recount()).toEqual({ leads: 153, moved: 153 });

    expect(await board()).toEqual({ hot: 0, warm: 150, cold: 0, atLeast: false });
    expect(await board(admin, '?scope=team&limit=1')).toEqual({ hot: 3, warm: 150, cold: 0, atLeast: false });
    // Counting again moves nothing.
    expect(await recount()).toEqual({ leads: 153, moved: 0 });
    expect(await countsOf(agent1.sub)).toEqual({ hot: 0, warm: 150, cold: 0 });
  });

  it('stay exact when the activity consumer then reads the same leads’ inserts from the stream', async () => {
    activity = await startTestActivity(api.tableName);
    await activity.drained();
    expect(await countsOf(agent1.sub)).toEqual({ hot: 0, warm: 150, cold: 0 });
    expect(await countsOf(agent2.sub)).toEqual({ hot: 3, warm: 0, cold: 0 });
  }, 120_000);

  it('move with a new lead, a temperature change, a reassignment, a conversion and an erase', async () => {
    const drained = () => activity?.drained();
    const [toHot, toReassign, toConvert, toErase] = warmOf1 as [LeadItem, LeadItem, LeadItem, LeadItem];

    const created = await api.call('POST', '/leads', {
      as: agent1,
      body: { name: 'Nia Brooks', phone: '+1 212 555 0142' },
    });
    expect(created.status).toBe(201);
    const newTemperature = created.body.temperature as 'hot' | 'warm' | 'cold';
    await drained();
    const afterCreate = {
      hot: 0,
      warm: 150,
      cold: 0,
      [newTemperature]: (newTemperature === 'warm' ? 150 : 0) + 1,
    };
    expect(await countsOf(agent1.sub)).toEqual(afterCreate);

    const marked = await api.call('PATCH', `/leads/${toHot.leadId}`, {
      as: agent1,
      body: { version: 1, temperature: 'hot' },
    });
    expect(marked.status).toBe(200);
    await drained();
    expect(await countsOf(agent1.sub)).toEqual({
      ...afterCreate,
      hot: afterCreate.hot + 1,
      warm: afterCreate.warm - 1,
    });

    // Reassigned by a guarded write on the lead, as any lead write is.
    await crm.entities.lead
      .put({ ...toReassign, agentId: agent2.sub, version: 2, updatedAt: '2026-12-01T10:00:00.000Z' })
      .where((attr, op) => op.eq(attr.version, 1))
      .go();
    await drained();
    expect((await countsOf(agent1.sub))?.warm).toBe(afterCreate.warm - 2);
    expect(await countsOf(agent2.sub)).toEqual({ hot: 3, warm: 1, cold: 0 });

    const converted = await api.call('POST', `/leads/${toConvert.leadId}/outcome`, {
      as: agent1,
      body: { outcome: 'converted' },
    });
    expect(converted.status).toBe(200);
    expect((await api.call('DELETE', `/leads/${toErase.leadId}`, { as: agent1 })).status).toBe(204);
    await drained();

    const agent1Counts = { ...afterCreate, hot: afterCreate.hot + 1, warm: afterCreate.warm - 4 };
    expect(await countsOf(agent1.sub)).toEqual(agent1Counts);
    expect(await board(agent1, '?limit=1')).toMatchObject({ warm: agent1Counts.warm, atLeast: false });
    expect(await teamCounts()).toEqual({
      hot: agent1Counts.hot + 3,
      warm: agent1Counts.warm + 1,
      cold: agent1Counts.cold,
    });
    // The erased lead left nothing of its count behind.
    expect((await crm.entities.openLeadMark.get({ leadId: toErase.leadId }).go()).data).toBeNull();
  }, 120_000);

  it('count a stream delivered twice once', async () => {
    const before = [await countsOf(agent1.sub), await countsOf(agent2.sub), await teamCounts()];
    const again = await startTestActivity(api.tableName, 'dashboard-counts-redelivery');
    await again.drained();
    await again.stop();
    expect([await countsOf(agent1.sub), await countsOf(agent2.sub), await teamCounts()]).toEqual(before);
  }, 120_000);
});
