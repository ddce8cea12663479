import type { Actor } from '../../../../lambdas/domain/actor';
import type { DashboardDeps } from '../../../../lambdas/domain/dashboard/deps';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { ScheduledStep } from '../../../../lambdas/ports/dashboard';
import type { Task } from '../../../../lambdas/ports/tasks';
import type { AgentProfile } from '../../../../schemas/api/agents';
import type { Lead } from '../../../../schemas/api/leads';
import {
  createMockActor,
  createMockLead,
  createMockProfile,
  DEFAULT_AGENT_ID,
  DEFAULT_BROKERAGE_ID,
} from '../../../helpers/factories';
import { createInMemoryDashboard } from '../../../helpers/in-memory-dashboard';
import { createInMemoryDeps } from '../../../helpers/in-memory-repositories';

export const agent: Actor = createMockActor();
export const admin: Actor = createMockActor({
  agentId: 'agent-ola-admin',
  role: 'admin',
  email: 'ola.admin@example.com',
  name: 'Ola Admin',
});

/**
 * A brokerage's dashboard data in memory, read at `now`: profiles, leads (in the lead repository and in
 * the dashboard's lead buckets alike), tasks and follow-up steps.
 */
export const dashboardWorld = (now: string) => {
  const stores = createInMemoryDeps();
  const dashboard = createInMemoryDashboard();
  const clock = fixedClock(now);
  const deps: DashboardDeps = {
    dashboard,
    leads: stores.leads,
    agents: stores.agents,
    clock,
    profileDefaults: { timezone: 'Europe/London' },
  };
  let tasks = 0;
  let steps = 0;

  const addAgent = (overrides: Partial<AgentProfile> = {}) =>
    stores.agents.createIfAbsent(createMockProfile(overrides));

  const addLead = async (overrides: Partial<Lead> = {}) => {
    const lead = createMockLead(overrides);
    await stores.leads.create(lead, []);
    dashboard.leads.push(lead);
    return lead;
  };

  const addTask = (lead: Lead, dueAt: string, overrides: Partial<Task> = {}): Task => {
    tasks += 1;
    const task: Task = {
      taskId: `task-${String(tasks).padStart(3, '0')}`,
      leadId: lead.leadId,
      agentId: lead.agentId,
      brokerageId: lead.brokerageId,
      kind: 'reminder',
      title: `Follow up ${tasks}`,
      dueAt,
      status: 'open',
      createdAt: '2026-10-01T09:00:00.000Z',
      updatedAt: '2026-10-01T09:00:00.000Z',
      ...overrides,
    };
    dashboard.tasks.push(task);
    return task;
  };

  const addStep = (lead: Lead, dueAt: string, overrides: Partial<ScheduledStep> = {}): ScheduledStep => {
    steps += 1;
    const step: ScheduledStep = {
      enrollmentId: `run-${String(steps).padStart(3, '0')}`,
      leadId: lead.leadId,
      agentId: lead.agentId,
      stepIndex: 0,
      channel: 'whatsapp',
      dueAt,
      sequenceName: 'New lead nurture',
      ...overrides,
    };
    dashboard.steps.push(step);
    return step;
  };

  return { deps, dashboard, clock, stores, addAgent, addLead, addTask, addStep };
};

export { DEFAULT_AGENT_ID, DEFAULT_BROKERAGE_ID };
