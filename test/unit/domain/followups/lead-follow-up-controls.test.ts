import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../../../lambdas/domain/errors';
import { followUpStatus } from '../../../../lambdas/domain/followups/follow-up-status';
import { pauseLeadFollowUp } from '../../../../lambdas/domain/followups/pause-lead-follow-up';
import { resumeLeadFollowUp } from '../../../../lambdas/domain/followups/resume-lead-follow-up';
import { stopLeadFollowUp } from '../../../../lambdas/domain/followups/stop-lead-follow-up';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type {
  FollowUpRun,
  FollowUpRunStatus,
  FollowUpRunStep,
} from '../../../../lambdas/ports/follow-up-runs';
import type { AgentProfile } from '../../../../schemas/api/agents';
import { sequenceStepSchema } from '../../../../schemas/api/sequences';
import type { WakeOutput } from '../../../../schemas/workflow';
import { createMockActor, createMockLead, createMockProfile } from '../../../helpers/factories';
import { createInMemoryFollowUpRuns } from '../../../helpers/in-memory-follow-ups';
import { createInMemoryDeps } from '../../../helpers/in-memory-repositories';

// Monday 2 March 2026, 10:00 EST: a message at once, another a day later, a call two days later.
const ENROLLED_AT = '2026-03-02T15:00:00.000Z';
const sequence = {
  sequenceId: 'seq-1',
  version: 3,
  name: 'Three touches',
  temperature: 'custom' as const,
  steps: [
    {
      channel: 'whatsapp',
      delay: { minutes: 0, after: 'enrolment' },
      message: { template: 'Hi {firstName}' },
    },
    {
      channel: 'whatsapp',
      delay: { minutes: 1440, after: 'enrolment' },
      message: { template: 'Still keen?' },
    },
    { channel: 'call', delay: { minutes: 2880, after: 'enrolment' }, message: { template: 'Call them' } },
  ].map((step) => sequenceStepSchema.parse(step)),
};
const planned: FollowUpRunStep[] = [
  { dueAt: '2026-03-02T15:00:00.000Z', timeZone: 'America/New_York', channel: 'whatsapp' },
  { dueAt: '2026-03-03T15:00:00.000Z', timeZone: 'America/New_York', channel: 'whatsapp' },
  { dueAt: '2026-03-04T15:00:00.000Z', timeZone: 'America/New_York', channel: 'call' },
];

interface Seeded {
  enrollmentId: string;
  status?: FollowUpRunStatus;
  pausedAt?: string;
  stopReason?: string;
  withWake?: boolean;
}

/** A lead of the signed-in agent, its runs in memory and wakes that record what they were asked. */
const world = async ({
  now = '2026-03-02T16:00:00.000Z',
  agent,
}: {
  now?: string;
  agent?: Partial<AgentProfile>;
} = {}) => {
  const clock = fixedClock(now);
  const base = createInMemoryDeps(clock);
  const runs = createInMemoryFollowUpRuns();
  const cancelled: string[] = [];
  const woken: { token: string; output: WakeOutput }[] = [];
  await base.agents.createIfAbsent(createMockProfile(agent));
  const lead = createMockLead({ phone: '+12125550142' });
  await base.leads.create(lead, []);
  const seed = async ({ enrollmentId, status = 'running', withWake = true, ...rest }: Seeded) => {
    await runs.create(
      {
        enrollmentId,
        steps: planned,
        enrolment: { leadId: lead.leadId, agentId: lead.agentId, enrolledAt: ENROLLED_AT, sequence },
      },
      new Date(ENROLLED_AT),
    );
    const run = runs.runs.get(enrollmentId) as FollowUpRun;
    Object.assign(run, { status, stepsRun: [0], ...rest });
    if (withWake)
      run.pendingWake = { name: `${enrollmentId}-1`, taskToken: `token-${enrollmentId}`, stepIndex: 1 };
  };
  const deps = {
    ...base,
    runs,
    wakes: {
      cancelWake: async (name: string) => {
        cancelled.push(name);
        return 'cancelled' as const;
      },
      wakeNow: async (token: string, output: WakeOutput) => {
        woken.push({ token, output });
        return 'woken' as const;
      },
    },
  };
  return { clock, base, runs, lead, seed, deps, cancelled, woken, actor: createMockActor() };
};

describe('pauseLeadFollowUp', () => {
  it('pauses a running follow-up, drops its pending wake and shows no send time while paused', async () => {
    const { seed, deps, lead, actor, runs, cancelled, woken } = await world();
    await seed({ enrollmentId: 'run-a' });

    const view = await pauseLeadFollowUp(actor, lead.leadId, deps);

    expect(view).toMatchObject({
      enrollmentId: 'run-a',
      status: 'paused',
      pausedAt: '2026-03-02T16:00:00.000Z',
      currentStepIndex: 1,
    });
    expect(view.nextSendAt).toBeUndefined();
    expect((await runs.get('run-a'))?.status).toBe('paused');
    expect(cancelled).toEqual(['run-a-1']);
    expect(woken).toEqual([{ token: 'token-run-a', output: { reason: 'replan' } }]);
  });

  it('pauses every active enrolment of the lead and answers with the newest', async () => {
    const { seed, deps, lead, actor, runs, woken } = await world();
    await seed({ enrollmentId: 'run-old' });
    await seed({ enrollmentId: 'run-new' });

    const view = await pauseLeadFollowUp(actor, lead.leadId, deps);

    expect(view.enrollmentId).toBe('run-new');
    expect((await runs.get('run-old'))?.status).toBe('paused');
    expect((await runs.get('run-new'))?.status).toBe('paused');
    expect(woken.map((wake) => wake.token)).toEqual(['token-run-new', 'token-run-old']);
  });

  it('keeps the first pause time when paused again, and wakes the run again in case the first stopped short', async () => {
    const { seed, deps, lead, actor, woken } = await world();
    await seed({ enrollmentId: 'run-a', status: 'paused', pausedAt: '2026-03-02T15:30:00.000Z' });

    const view = await pauseLeadFollowUp(actor, lead.leadId, deps);

    expect(view).toMatchObject({ status: 'paused', pausedAt: '2026-03-02T15:30:00.000Z' });
    expect(woken).toHaveLength(1);
  });

  it('answers 409 when nothing is running or paused, and changes nothing', async () => {
    const { seed, deps, lead, actor, runs, woken } = await world();
    await seed({ enrollmentId: 'run-a', status: 'stopped', stopReason: 'replied' });

    const refused = pauseLeadFollowUp(actor, lead.leadId, deps);
    await expect(refused).rejects.toThrow(ConflictError);
    await expect(refused).rejects.toMatchObject({
      message: 'There is no running follow-up to pause',
      extensions: { leadId: lead.leadId },
    });
    expect((await runs.get('run-a'))?.status).toBe('stopped');
    expect(woken).toEqual([]);
  });

  it('answers 404 for another agent lead', async () => {
    const { seed, deps, lead, runs } = await world();
    await seed({ enrollmentId: 'run-a' });

    await expect(
      pauseLeadFollowUp(createMockActor({ agentId: 'agent-someone-else' }), lead.leadId, deps),
    ).rejects.toThrow(NotFoundError);
    expect((await runs.get('run-a'))?.status).toBe('running');
  });

  it('pauses a run that waits on no wake without waking anything', async () => {
    const { seed, deps, lead, actor, cancelled, woken } = await world();
    await seed({ enrollmentId: 'run-a', withWake: false });

    expect((await pauseLeadFollowUp(actor, lead.leadId, deps)).status).toBe('paused');
    expect(cancelled).toEqual([]);
    expect(woken).toEqual([]);
  });
});

describe('resumeLeadFollowUp', () => {
  it('resumes a paused follow-up with its remaining steps moved by the pause, and wakes it to wait on them', async () => {
    // Paused Monday 11:00 EST, resumed Tuesday 11:00 EST.
    const { seed, deps, lead, actor, runs, cancelled, woken } = await world({
      now: '2026-03-03T16:00:00.000Z',
    });
    await seed({ enrollmentId: 'run-a', status: 'paused', pausedAt: '2026-03-02T16:00:00.000Z' });

    const view = await resumeLeadFollowUp(actor, lead.leadId, deps);

    expect(view).toMatchObject({
      enrollmentId: 'run-a',
      status: 'running',
      currentStepIndex: 1,
      nextSendAt: '2026-03-04T15:00:00.000Z',
      nextSendAtLeadLocal: '2026-03-04T10:00:00-05:00',
    });
    expect(view.pausedAt).toBeUndefined();
    expect(view.steps.map((step) => step.dueAt)).toEqual([
      '2026-03-02T15:00:00.000Z',
      '2026-03-04T15:00:00.000Z',
      '2026-03-05T15:00:00.000Z',
    ]);
    expect((await runs.get('run-a'))?.status).toBe('running');
    expect(cancelled).toEqual(['run-a-1']);
    expect(woken).toEqual([{ token: 'token-run-a', output: { reason: 'replan' } }]);
  });

  it('reads quiet hours from the lead agent profile when an admin resumes it', async () => {
    // The agent's quiet hours run to 10:00; resumed Thursday 08:30 EST with the message overdue.
    const { seed, deps, lead, base } = await world({
      now: '2026-03-05T13:30:00.000Z',
      agent: { quietHours: { start: '21:00', end: '10:00' } },
    });
    await seed({ enrollmentId: 'run-a', status: 'paused' });
    const admin = createMockActor({ agentId: 'agent-admin', role: 'admin', email: 'admin@example.com' });
    await base.agents.createIfAbsent(
      createMockProfile({
        agentId: 'agent-admin',
        role: 'admin',
        quietHours: { start: '23:00', end: '06:00' },
      }),
    );

    const view = await resumeLeadFollowUp(admin, lead.leadId, deps);

    expect(view.nextSendAt).toBe('2026-03-05T15:00:00.000Z');
  });

  it('uses the signed-in agent own hours, creating the profile on first use', async () => {
    const { seed, deps, lead, base } = await world({ now: '2026-03-05T13:30:00.000Z' });
    await seed({ enrollmentId: 'run-a', status: 'paused' });
    const other = createMockActor({ agentId: 'agent-new', email: 'new.agent@example.com' });
    const own = { ...lead, agentId: 'agent-new', leadId: 'lead-of-new', version: 1 };
    await base.leads.create(own, []);
    Object.assign(deps.runs.runs.get('run-a')?.enrolment ?? {}, { leadId: own.leadId });

    const view = await resumeLeadFollowUp(other, own.leadId, deps);

    // Default quiet hours end at 08:00 EST: 08:30 is allowed, so the overdue message goes now.
    expect(view.nextSendAt).toBe('2026-03-05T13:30:00.000Z');
    expect(await base.agents.get('agent-new')).toMatchObject({
      quietHours: { start: '21:00', end: '08:00' },
    });
  });

  it('wakes a run left running by an earlier resume that failed part-way, without re-planning it', async () => {
    const { seed, deps, lead, actor, woken } = await world({ now: '2026-03-03T16:00:00.000Z' });
    await seed({ enrollmentId: 'run-a' });

    const view = await resumeLeadFollowUp(actor, lead.leadId, deps);

    expect(view.steps.map((step) => step.dueAt)).toEqual(planned.map((step) => step.dueAt));
    expect(woken).toHaveLength(1);
  });

  it('answers 409 when no follow-up is paused or running', async () => {
    const { seed, deps, lead, actor } = await world();
    await seed({ enrollmentId: 'run-a', status: 'finished' });

    const refused = resumeLeadFollowUp(actor, lead.leadId, deps);
    await expect(refused).rejects.toThrow(ConflictError);
    await expect(refused).rejects.toMatchObject({
      message: 'There is no paused follow-up to resume',
      extensions: { leadId: lead.leadId },
    });
  });

  it('answers 404 for a lead the agent cannot see', async () => {
    const { deps, actor } = await world();

    await expect(resumeLeadFollowUp(actor, 'lead-missing', deps)).rejects.toThrow(NotFoundError);
  });
});

describe('stopLeadFollowUp', () => {
  it('stops a running follow-up at once, drops its wake and wakes it to finish', async () => {
    const { seed, deps, lead, actor, runs, cancelled, woken } = await world();
    await seed({ enrollmentId: 'run-a' });

    const view = await stopLeadFollowUp(actor, lead.leadId, deps);

    expect(view).toMatchObject({
      status: 'stopped',
      stopReason: 'stopped_by_agent',
      sequence: { version: 3 },
    });
    expect(view.currentStepIndex).toBeUndefined();
    expect(await runs.get('run-a')).toMatchObject({ status: 'stopped', stopReason: 'stopped_by_agent' });
    expect(cancelled).toEqual(['run-a-1']);
    expect(woken).toEqual([
      { token: 'token-run-a', output: { reason: 'stop', stopReason: 'stopped_by_agent' } },
    ]);
  });

  it('stops a paused follow-up and clears its pause time', async () => {
    const { seed, deps, lead, actor } = await world();
    await seed({ enrollmentId: 'run-a', status: 'paused', pausedAt: '2026-03-02T15:30:00.000Z' });

    const view = await stopLeadFollowUp(actor, lead.leadId, deps);

    expect(view.status).toBe('stopped');
    expect(view.pausedAt).toBeUndefined();
  });

  it('answers a follow-up that already ended as it is, keeping its reason and waking nothing', async () => {
    const { seed, deps, lead, actor, runs, woken } = await world();
    await seed({ enrollmentId: 'run-a', status: 'stopped', stopReason: 'replied' });

    const view = await stopLeadFollowUp(actor, lead.leadId, deps);

    expect(view).toMatchObject({ status: 'stopped', stopReason: 'replied' });
    expect((await runs.get('run-a'))?.stopReason).toBe('replied');
    expect(woken).toEqual([]);
  });

  it('answers 404 when the lead was never enrolled', async () => {
    const { deps, lead, actor } = await world();

    await expect(stopLeadFollowUp(actor, lead.leadId, deps)).rejects.toThrow(new NotFoundError('Follow-up'));
  });
});

describe('followUpStatus', () => {
  it('shows the newest enrolment, the step it waits on and each step result so far', async () => {
    const { seed, deps, lead, actor, runs } = await world();
    await seed({ enrollmentId: 'run-old', status: 'finished' });
    await seed({ enrollmentId: 'run-new' });
    await runs.recordStepResult('run-new', {
      stepIndex: 0,
      status: 'delivered',
      channel: 'whatsapp',
      via: 'text',
      ranAt: ENROLLED_AT,
      updatedAt: ENROLLED_AT,
    });

    const view = await followUpStatus(actor, lead.leadId, deps);

    expect(view).toMatchObject({
      enrollmentId: 'run-new',
      status: 'running',
      currentStepIndex: 1,
      nextSendAt: '2026-03-03T15:00:00.000Z',
      leadTimeZone: 'America/New_York',
    });
    expect(view.steps.map((step) => step.result)).toEqual(['delivered', 'pending', 'pending']);
  });

  it('answers 404 for a lead with no enrolment and for a lead of another agent', async () => {
    const { seed, deps, lead, actor } = await world();

    await expect(followUpStatus(actor, lead.leadId, deps)).rejects.toThrow(new NotFoundError('Follow-up'));
    await seed({ enrollmentId: 'run-a' });
    await expect(
      followUpStatus(createMockActor({ agentId: 'agent-someone-else' }), lead.leadId, deps),
    ).rejects.toThrow(new NotFoundError('Lead'));
  });
});
