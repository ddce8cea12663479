import { describe, expect, it } from 'vitest';
import { enrolNewLead } from '../../../../lambdas/domain/followups/enrol-new-lead';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { FollowUpRun, FollowUpRunRepository } from '../../../../lambdas/ports/follow-up-runs';
import { createMockLead, createMockProfile } from '../../../helpers/factories';
import { createInMemoryDeps } from '../../../helpers/in-memory-repositories';

// 02:00 in New York: inside the agent's quiet hours (21:00-08:00).
const NOW = '2026-03-02T07:00:00.000Z';

const setup = async (profile = createMockProfile()) => {
  const base = createInMemoryDeps(fixedClock(NOW));
  await base.agents.createIfAbsent(profile);
  const runs = new Map<string, FollowUpRun>();
  const started: string[] = [];
  const deps = {
    ...base,
    runs: {
      async listForLead(leadId) {
        return [...runs.values()].flatMap((run) =>
          run.enrolment?.leadId === leadId ? [{ ...run, enrolment: run.enrolment }] : [],
        );
      },
      async create({ enrollmentId, steps, enrolment }, at) {
        const existing = runs.get(enrollmentId);
        if (existing) return { run: existing, created: false };
        const run: FollowUpRun = {
          enrollmentId,
          ...(enrolment && { enrolment }),
          status: 'running',
          steps,
          stepsRun: [],
          results: [],
          updatedAt: at.toISOString(),
        };
        runs.set(enrollmentId, run);
        return { run, created: true };
      },
    } satisfies Pick<FollowUpRunRepository, 'create' | 'listForLead'>,
    executions: {
      async start(name: string) {
        started.push(name);
        return 'started' as const;
      },
    },
  };
  return { deps, runs, started, base };
};

describe('enrolNewLead', () => {
  it("starts the built-in sequence for the lead's temperature, answering a message from minutes ago at once", async () => {
    const { deps, runs, started, base } = await setup();
    const lead = createMockLead({
      temperature: 'hot',
      phone: '+12125550191',
      lastInboundAt: '2026-03-02T06:58:00.000Z',
    });
    await base.leads.create(lead, []);

    const outcome = await enrolNewLead(lead.leadId, deps);

    const enrollmentId = `${lead.leadId}_builtin-hot`;
    expect(outcome).toEqual({ result: 'enrolled', enrollmentId, created: true });
    expect(started).toEqual([enrollmentId]);
    const run = runs.get(enrollmentId);
    expect(run?.steps[0]).toMatchObject({ channel: 'whatsapp', dueAt: NOW });
    // The next WhatsApp waits for the morning in New York: only a first answer skips quiet hours.
    expect(run?.steps[1]?.dueAt).toBe('2026-03-02T13:00:00.000Z');
  });

  it('does nothing when the agent turned automatic follow-up off', async () => {
    const { deps, runs, started, base } = await setup(createMockProfile({ autoFollowUp: false }));
    const lead = createMockLead({ phone: '+12125550192', lastInboundAt: NOW });
    await base.leads.create(lead, []);

    expect(await enrolNewLead(lead.leadId, deps)).toEqual({ result: 'off' });
    expect(runs.size).toBe(0);
    expect(started).toEqual([]);
  });

  it('finds the enrolment of an earlier delivery instead of starting a second run', async () => {
    const { deps, runs, base } = await setup();
    const lead = createMockLead({ temperature: 'warm', phone: '+12125550193', lastInboundAt: NOW });
    await base.leads.create(lead, []);

    await enrolNewLead(lead.leadId, deps);
    const again = await enrolNewLead(lead.leadId, deps);

    expect(again).toMatchObject({
      result: 'enrolled',
      created: false,
      enrollmentId: `${lead.leadId}_builtin-warm`,
    });
    expect(runs.size).toBe(1);
  });

  it('skips a lead erased before its enrolment, and one whose agent has no profile', async () => {
    const { deps, runs, started, base } = await setup();
    const orphan = createMockLead({ agentId: 'agent-never-signed-in', phone: '+12125550194' });
    await base.leads.create(orphan, []);

    expect(await enrolNewLead('01KJQDJGR0NOSUCHLEAD000000', deps)).toEqual({
      result: 'skipped',
      reason: 'lead_gone',
    });
    expect(await enrolNewLead(orphan.leadId, deps)).toEqual({ result: 'skipped', reason: 'no_agent' });
    expect(runs.size).toBe(0);
    expect(started).toEqual([]);
  });
});
