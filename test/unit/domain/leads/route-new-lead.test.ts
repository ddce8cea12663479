import { describe, expect, it } from 'vitest';
import { NoAgentToRouteError, routeNewLead } from '../../../../lambdas/domain/leads/route-new-lead';
import type { AgentRepository } from '../../../../lambdas/ports/agent-repository';
import type { RoutingCursor } from '../../../../lambdas/ports/routing-cursor';
import type { AgentProfile } from '../../../../schemas/api/agents';
import { createMockProfile, DEFAULT_BROKERAGE_ID } from '../../../helpers/factories';

const profile = (agentId: string, overrides: Partial<AgentProfile> = {}) =>
  createMockProfile({ agentId, email: `${agentId}@example.com`, ...overrides });

/** A directory that lists the brokerage's profiles in the order given, as an index query may. */
const listing = (profiles: AgentProfile[]): Pick<AgentRepository, 'listForBrokerage'> => ({
  listForBrokerage: async (brokerageId) => profiles.filter((p) => p.brokerageId === brokerageId),
});

/** The brokerage's cursor, starting at 1 for the first lead ever routed. */
const cursor = (): RoutingCursor => {
  let position = 0;
  return { next: async () => ++position };
};

/** Who the next `count` new leads of the brokerage go to. */
const nextTurns = async (profiles: AgentProfile[], count: number) => {
  const deps = { agents: listing(profiles) as AgentRepository, routing: cursor() };
  const owners: string[] = [];
  for (let n = 0; n < count; n++) owners.push((await routeNewLead(DEFAULT_BROKERAGE_ID, deps)).agentId);
  return owners;
};

describe('routeNewLead', () => {
  it('gives the first lead to the first agent by id, then each in turn, whatever order they are listed in', async () => {
    const owners = await nextTurns([profile('agent-c'), profile('agent-a'), profile('agent-b')], 4);

    expect(owners).toEqual(['agent-a', 'agent-b', 'agent-c', 'agent-a']);
  });

  it('leaves admins and disabled agents out while an active agent remains', async () => {
    const owners = await nextTurns(
      [
        profile('admin-a', { role: 'admin' }),
        profile('agent-b', { status: 'disabled' }),
        profile('agent-c'),
        profile('agent-d'),
      ],
      3,
    );

    expect(owners).toEqual(['agent-c', 'agent-d', 'agent-c']);
  });

  it('falls back to the active admins, in turn, when the brokerage has no active agent', async () => {
    const owners = await nextTurns(
      [
        profile('admin-b', { role: 'admin' }),
        profile('agent-a', { status: 'disabled' }),
        profile('admin-a', { role: 'admin' }),
        profile('admin-c', { role: 'admin', status: 'disabled' }),
      ],
      3,
    );

    expect(owners).toEqual(['admin-a', 'admin-b', 'admin-a']);
  });

  it('refuses, naming the brokerage, when nobody active can take the lead', async () => {
    const attempt = nextTurns([profile('agent-a', { status: 'disabled' })], 1);

    await expect(attempt).rejects.toBeInstanceOf(NoAgentToRouteError);
    await expect(attempt).rejects.toMatchObject({ brokerageId: DEFAULT_BROKERAGE_ID });
  });

  it("ignores another brokerage's agents", async () => {
    const owners = await nextTurns(
      [profile('agent-a', { brokerageId: 'brokerage-harbour' }), profile('agent-b')],
      2,
    );

    expect(owners).toEqual(['agent-b', 'agent-b']);
  });
});
