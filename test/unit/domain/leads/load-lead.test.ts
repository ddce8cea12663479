import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../../lambdas/domain/errors';
import { loadLeadFor } from '../../../../lambdas/domain/leads/load-lead';
import { createMockActor, createMockLead } from '../../../helpers/factories';
import { createInMemoryDeps } from '../../../helpers/in-memory-repositories';

const dana = createMockActor();
const omar = createMockActor({
  agentId: 'agent-omar-haddad',
  email: 'omar.haddad@example.com',
  name: 'Omar Haddad',
});

describe('loadLeadFor', () => {
  it("returns the agent's own lead", async () => {
    const deps = createInMemoryDeps();
    const lead = createMockLead({ name: 'Sam Rivera', phone: '+12125550142' });
    await deps.leads.create(lead, []);

    await expect(loadLeadFor(dana, lead.leadId, deps)).resolves.toEqual(lead);
  });

  it("answers another agent's lead with the same not-found as a missing one", async () => {
    const deps = createInMemoryDeps();
    const lead = createMockLead({ agentId: omar.agentId });
    await deps.leads.create(lead, []);

    const foreign = await loadLeadFor(dana, lead.leadId, deps).catch((error: unknown) => error);
    const missing = await loadLeadFor(dana, createMockLead().leadId, deps).catch((error: unknown) => error);

    expect(foreign).toBeInstanceOf(NotFoundError);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((foreign as Error).message).toBe((missing as Error).message);
  });

  it("lets a brokerage admin open any agent's lead of the brokerage", async () => {
    const deps = createInMemoryDeps();
    const lead = createMockLead({ agentId: omar.agentId });
    await deps.leads.create(lead, []);
    const admin = createMockActor({
      agentId: 'agent-priya-shah',
      email: 'priya.shah@example.com',
      role: 'admin',
    });

    await expect(loadLeadFor(admin, lead.leadId, deps)).resolves.toMatchObject({ leadId: lead.leadId });
  });

  it("answers another brokerage's admin with not-found", async () => {
    const deps = createInMemoryDeps();
    const lead = createMockLead();
    await deps.leads.create(lead, []);
    const outsider = createMockActor({
      agentId: 'agent-lena-fischer',
      brokerageId: 'brokerage-harbour',
      email: 'lena.fischer@example.com',
      role: 'admin',
    });

    await expect(loadLeadFor(outsider, lead.leadId, deps)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('answers a lead being erased with not-found, except to the erase that resumes it', async () => {
    const deps = createInMemoryDeps();
    const lead = createMockLead();
    await deps.leads.create(lead, []);
    deps.leads.interruptNextErase();
    await expect(deps.leads.erase(lead)).rejects.toThrow();

    await expect(loadLeadFor(dana, lead.leadId, deps)).rejects.toBeInstanceOf(NotFoundError);
    await expect(loadLeadFor(dana, lead.leadId, deps, { includeErasing: true })).resolves.toMatchObject({
      leadId: lead.leadId,
    });
  });
});
