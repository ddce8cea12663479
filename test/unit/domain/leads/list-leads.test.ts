import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../../../lambdas/domain/errors';
import { listLeads } from '../../../../lambdas/domain/leads/list-leads';
import type { Lead } from '../../../../schemas/api/leads';
import { listLeadsQuery } from '../../../../schemas/api/leads';
import { createMockActor, createMockLead } from '../../../helpers/factories';
import { createInMemoryDeps } from '../../../helpers/in-memory-repositories';

const dana = createMockActor();
const omar = createMockActor({
  agentId: 'agent-omar-haddad',
  email: 'omar.haddad@example.com',
  name: 'Omar Haddad',
});
const admin = createMockActor({
  agentId: 'agent-priya-shah',
  email: 'priya.shah@example.com',
  name: 'Priya Shah',
  role: 'admin',
});
const otherBrokerageAgent = createMockActor({
  agentId: 'agent-lena-fischer',
  brokerageId: 'brokerage-harbour',
  email: 'lena.fischer@example.com',
  name: 'Lena Fischer',
});

/** A list query as the API would have parsed it from the query string. */
const query = (input: Record<string, string> = {}) => listLeadsQuery.parse(input);

const seed = async (deps: ReturnType<typeof createInMemoryDeps>, leads: Lead[]) => {
  for (const lead of leads) await deps.leads.create(lead, []);
  return leads;
};

const names = (page: { items: Lead[] }) => page.items.map((lead) => lead.name);

describe('listLeads', () => {
  it('shows an agent only their own leads, newest first', async () => {
    const deps = createInMemoryDeps();
    await seed(deps, [
      createMockLead({ name: 'Sam Rivera', agentId: dana.agentId, createdAt: '2026-03-01T10:00:00.000Z' }),
      createMockLead({ name: 'Ana Costa', agentId: omar.agentId, createdAt: '2026-03-01T11:00:00.000Z' }),
      createMockLead({ name: 'Kim Park', agentId: dana.agentId, createdAt: '2026-03-01T12:00:00.000Z' }),
    ]);

    const page = await listLeads(dana, query(), deps);

    expect(names(page)).toEqual(['Kim Park', 'Sam Rivera']);
    expect(page.nextCursor).toBeNull();
  });

  it("answers an agent asking for another agent's leads with not-found", async () => {
    const deps = createInMemoryDeps();
    await seed(deps, [createMockLead({ agentId: omar.agentId })]);

    const attempt = listLeads(dana, query({ agentId: omar.agentId }), deps);
    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    await expect(attempt).rejects.toMatchObject({ message: 'Agent was not found' });
  });

  it('lets an agent name themselves as the agent', async () => {
    const deps = createInMemoryDeps();
    await seed(deps, [createMockLead({ name: 'Sam Rivera', agentId: dana.agentId })]);

    const page = await listLeads(dana, query({ agentId: dana.agentId }), deps);

    expect(names(page)).toEqual(['Sam Rivera']);
  });

  it("shows a brokerage admin every agent's leads of the brokerage and none of another brokerage", async () => {
    const deps = createInMemoryDeps();
    await seed(deps, [
      createMockLead({ name: 'Sam Rivera', agentId: dana.agentId, createdAt: '2026-03-01T10:00:00.000Z' }),
      createMockLead({ name: 'Ana Costa', agentId: omar.agentId, createdAt: '2026-03-01T11:00:00.000Z' }),
      createMockLead({
        name: 'Jonas Weber',
        agentId: otherBrokerageAgent.agentId,
        brokerageId: otherBrokerageAgent.brokerageId,
        createdAt: '2026-03-01T12:00:00.000Z',
      }),
    ]);

    const page = await listLeads(admin, query(), deps);

    expect(names(page)).toEqual(['Ana Costa', 'Sam Rivera']);
  });

  it("shows a brokerage admin one agent's leads when asked", async () => {
    const deps = createInMemoryDeps();
    await seed(deps, [
      createMockLead({ name: 'Sam Rivera', agentId: dana.agentId }),
      createMockLead({ name: 'Ana Costa', agentId: omar.agentId }),
    ]);

    const page = await listLeads(admin, query({ agentId: omar.agentId }), deps);

    expect(names(page)).toEqual(['Ana Costa']);
  });

  it('shows a brokerage admin nothing of an agent in another brokerage', async () => {
    const deps = createInMemoryDeps();
    await seed(deps, [
      createMockLead({
        agentId: otherBrokerageAgent.agentId,
        brokerageId: otherBrokerageAgent.brokerageId,
      }),
    ]);

    const page = await listLeads(admin, query({ agentId: otherBrokerageAgent.agentId }), deps);

    expect(page.items).toEqual([]);
  });

  it('puts the highest score first when sorted by score', async () => {
    const deps = createInMemoryDeps();
    await seed(deps, [
      createMockLead({ name: 'Sam Rivera', score: 35, temperature: 'cold' }),
      createMockLead({ name: 'Kim Park', score: 88, temperature: 'hot' }),
      createMockLead({ name: 'Ana Costa', score: 61 }),
    ]);

    const page = await listLeads(dana, query({ sort: 'score' }), deps);

    expect(page.items.map((lead) => lead.score)).toEqual([88, 61, 35]);
  });

  it('narrows the list to one temperature and one status', async () => {
    const deps = createInMemoryDeps();
    await seed(deps, [
      createMockLead({ name: 'Sam Rivera', score: 91, temperature: 'hot', status: 'viewing' }),
      createMockLead({ name: 'Kim Park', score: 78, temperature: 'hot', status: 'new' }),
      createMockLead({ name: 'Ana Costa', score: 55, temperature: 'warm', status: 'viewing' }),
    ]);

    const hot = await listLeads(dana, query({ sort: 'score', temperature: 'hot' }), deps);
    const hotViewing = await listLeads(dana, query({ temperature: 'hot', status: 'viewing' }), deps);

    expect(names(hot)).toEqual(['Sam Rivera', 'Kim Park']);
    expect(names(hotViewing)).toEqual(['Sam Rivera']);
  });

  it('pages through the list with the cursor it hands out, without repeats or gaps', async () => {
    const deps = createInMemoryDeps();
    await seed(deps, [
      createMockLead({ name: 'Lead A', score: 90 }),
      createMockLead({ name: 'Lead B', score: 80 }),
      createMockLead({ name: 'Lead C', score: 70 }),
    ]);

    const first = await listLeads(dana, query({ sort: 'score', limit: '2' }), deps);
    const second = await listLeads(
      dana,
      query({ sort: 'score', limit: '2', cursor: first.nextCursor ?? 'missing cursor' }),
      deps,
    );

    expect(names(first)).toEqual(['Lead A', 'Lead B']);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(names(second)).toEqual(['Lead C']);
    expect(second.nextCursor).toBeNull();
  });

  it('answers a cursor it never handed out with a ValidationError naming cursor', async () => {
    const deps = createInMemoryDeps();

    const attempt = listLeads(dana, query({ cursor: 'not-a-cursor' }), deps);

    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ issues: [{ field: 'cursor' }] });
  });

  it("shows a brokerage admin the brokerage's leads best first when sorted by score", async () => {
    const deps = createInMemoryDeps();
    // The best lead is the oldest, so newest-first would show it last.
    await seed(deps, [
      createMockLead({
        name: 'Ana Costa',
        agentId: omar.agentId,
        score: 92,
        temperature: 'hot',
        createdAt: '2026-03-01T09:00:00.000Z',
      }),
      createMockLead({
        name: 'Sam Rivera',
        agentId: dana.agentId,
        score: 64,
        createdAt: '2026-03-02T09:00:00.000Z',
      }),
      createMockLead({
        name: 'Lee Park',
        agentId: dana.agentId,
        score: 30,
        createdAt: '2026-03-03T09:00:00.000Z',
      }),
    ]);

    expect(names(await listLeads(admin, query({ sort: 'score' }), deps))).toEqual([
      'Ana Costa',
      'Sam Rivera',
      'Lee Park',
    ]);
    expect(names(await listLeads(admin, query({ sort: 'newest' }), deps))).toEqual([
      'Lee Park',
      'Sam Rivera',
      'Ana Costa',
    ]);
  });
});
