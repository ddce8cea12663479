import { describe, expect, it } from 'vitest';
import { runDueStep } from '../../../../lambdas/domain/followups/run-due-step';
import { RateLimitedError } from '../../../../lambdas/domain/messaging/messaging-errors';
import { FollowUpRunNotFoundError } from '../../../../lambdas/domain/workflow/errors';
import { ENROLLMENT, NOW, sendStepWorld, whatsappText } from './send-step-world';

describe('runDueStep: runs it cannot send for', () => {
  it('fails loudly for a run that does not exist', async () => {
    const world = await sendStepWorld({ steps: [whatsappText()] });

    await expect(runDueStep({ enrollmentId: 'nowhere', stepIndex: 0 }, world.deps)).rejects.toBeInstanceOf(
      FollowUpRunNotFoundError,
    );
  });

  it('only claims the steps of a run started without a sequence, once each', async () => {
    const world = await sendStepWorld({ steps: [whatsappText()] });
    await world.runs.create(
      { enrollmentId: 'bare-run', steps: [{ dueAt: NOW, timeZone: 'America/New_York' }] },
      new Date(NOW),
    );

    const first = await runDueStep({ enrollmentId: 'bare-run', stepIndex: 0 }, world.deps);
    const again = await runDueStep({ enrollmentId: 'bare-run', stepIndex: 0 }, world.deps);

    expect([first, again]).toEqual([
      { stepIndex: 0, outcome: 'sent' },
      { stepIndex: 0, outcome: 'already_sent' },
    ]);
    expect(world.texts).toEqual([]);
    expect((await world.runs.get('bare-run'))?.stepsRun).toEqual([0]);
  });

  it('only claims a step past the end of the sequence, sending nothing', async () => {
    const world = await sendStepWorld({ steps: [whatsappText()] });

    await expect(world.run(3)).resolves.toEqual({ stepIndex: 3, outcome: 'sent' });
    expect(world.texts).toEqual([]);
    expect((await world.stored()).results).toEqual([]);
  });

  it('answers skipped when a bare run stops before its step is claimed', async () => {
    const world = await sendStepWorld({ steps: [whatsappText()] });
    await world.runs.create(
      { enrollmentId: 'bare-run', steps: [{ dueAt: NOW, timeZone: 'America/New_York' }] },
      new Date(NOW),
    );
    const deps = {
      ...world.deps,
      runs: {
        ...world.deps.runs,
        recordStepRan: async () => 'not_running' as const,
      },
    };

    expect(await runDueStep({ enrollmentId: 'bare-run', stepIndex: 0 }, deps)).toEqual({
      stepIndex: 0,
      outcome: 'skipped',
    });
  });
});

describe('runDueStep: runs and leads that ended', () => {
  it('answers a run that was stopped with why nothing was sent', async () => {
    const world = await sendStepWorld({ steps: [whatsappText()] });
    await world.runs.stop(ENROLLMENT, 'replied', new Date(NOW));

    expect(await world.run(0)).toEqual({ stepIndex: 0, outcome: 'skipped', reason: 'not_running' });
    expect((await world.stored()).stepsRun).toEqual([]);
  });

  it('records the step of an erased lead as skipped for that reason', async () => {
    const world = await sendStepWorld({ steps: [whatsappText()] });
    await world.base.leads.erase(world.lead);

    await world.run(0);

    expect((await world.stored()).results[0]).toMatchObject({ status: 'skipped', reason: 'lead_erased' });
  });

  it('sends a step whose condition is that the lead has not answered, when they have not', async () => {
    const world = await sendStepWorld({ steps: [whatsappText({ conditions: ['no_response'] })] });

    await expect(world.run(0)).resolves.toEqual({ stepIndex: 0, outcome: 'sent' });
  });
});

describe('runDueStep: races with a stop', () => {
  it('sends nothing when the run is stopped between its read and the claim', async () => {
    const world = await sendStepWorld({ steps: [whatsappText()] });
    const deps = {
      ...world.deps,
      runs: {
        ...world.deps.runs,
        recordStepRan: async (id: string, stepIndex: number, at: Date) => {
          await world.runs.stop(id, 'replied', at);
          return world.runs.recordStepRan(id, stepIndex, at);
        },
      },
    };

    expect(await runDueStep({ enrollmentId: ENROLLMENT, stepIndex: 0 }, deps)).toEqual({
      stepIndex: 0,
      outcome: 'skipped',
    });
    expect(world.texts).toEqual([]);
    expect((await world.stored()).results).toEqual([]);
  });

  it('records no skip twice when a second wake claims a skipped step first', async () => {
    const world = await sendStepWorld({ steps: [whatsappText()], lead: { status: 'converted' } });
    const deps = {
      ...world.deps,
      runs: {
        ...world.deps.runs,
        recordStepRan: async (id: string, stepIndex: number, at: Date) => {
          await world.runs.recordStepRan(id, stepIndex, at);
          return world.runs.recordStepRan(id, stepIndex, at);
        },
      },
    };

    expect(await runDueStep({ enrollmentId: ENROLLMENT, stepIndex: 0 }, deps)).toEqual({
      stepIndex: 0,
      outcome: 'already_sent',
    });
    expect((await world.stored()).results).toEqual([]);
  });
});

describe('runDueStep: timing', () => {
  it('sends a step woken early by the local speed-up as at its own time', async () => {
    const world = await sendStepWorld({ steps: [whatsappText()], dueAt: ['2026-03-02T17:00:00.000Z'] });

    const outcome = await runDueStep(
      { enrollmentId: ENROLLMENT, stepIndex: 0 },
      { ...world.deps, wakesComeEarly: true },
    );

    expect(outcome).toEqual({ stepIndex: 0, outcome: 'sent' });
    expect(world.texts).toHaveLength(1);
    expect((await world.stored()).results[0]).toMatchObject({ ranAt: '2026-03-02T17:00:00.000Z' });
  });

  it('sends a late step as at now, not at its planned time, with the speed-up on', async () => {
    const world = await sendStepWorld({ steps: [whatsappText()], dueAt: ['2026-03-02T14:00:00.000Z'] });

    await runDueStep({ enrollmentId: ENROLLMENT, stepIndex: 0 }, { ...world.deps, wakesComeEarly: true });

    expect((await world.stored()).results[0]).toMatchObject({ ranAt: NOW });
  });

  it('sends a step woken on time the same with or without the speed-up', async () => {
    const world = await sendStepWorld({ steps: [whatsappText()] });

    await runDueStep({ enrollmentId: ENROLLMENT, stepIndex: 0 }, { ...world.deps, wakesComeEarly: true });

    expect((await world.stored()).results[0]).toMatchObject({ ranAt: NOW });
  });

  it('signs and times the step with the brokerage defaults when the agent has no profile yet', async () => {
    // 03:00 in New York: inside the default quiet hours of an agent without a profile.
    const world = await sendStepWorld({
      steps: [whatsappText()],
      lead: { agentId: 'agent-without-profile', lastInboundAt: '2026-03-02T07:30:00.000Z' },
      now: '2026-03-02T08:00:00.000Z',
    });

    await expect(world.run(0)).resolves.toMatchObject({ outcome: 'rescheduled' });
    expect((await world.stored()).steps[0]?.dueAt).toBe('2026-03-02T13:00:00.000Z');

    world.clock.set(new Date('2026-03-02T13:00:00.000Z'));
    await world.run(0);
    expect(world.texts[0]?.body).toContain('Hi Sam, Your agent here.');
  });
});

describe('runDueStep: crediting a reply', () => {
  it('marks the latest step that went out as the one answered, not an earlier one or a skipped one', async () => {
    const world = await sendStepWorld({
      steps: [
        whatsappText(),
        whatsappText(),
        whatsappText({ conditions: ['whatsapp_read'] }),
        whatsappText(),
      ],
    });
    await world.run(0);
    await world.run(1);
    // Step 2's condition does not hold (nothing was read): it is skipped, not sent.
    await world.run(2);
    const lead = (await world.base.leads.get(world.lead.leadId))!;
    await world.base.leads.update(lead, {
      ...lead,
      version: lead.version + 1,
      lastInboundAt: '2026-03-02T15:30:00.000Z',
    });
    world.clock.set('2026-03-02T16:00:00.000Z');

    await world.run(3);

    expect((await world.stored()).results.map(({ status }) => status)).toEqual([
      'sent',
      'replied',
      'skipped',
      'skipped',
    ]);
  });
});

describe('runDueStep: throttled sends', () => {
  it('waits longer after each throttled attempt: five minutes, then ten', async () => {
    const world = await sendStepWorld({
      steps: [whatsappText()],
      channel: [new RateLimitedError(130429, 60), new RateLimitedError(130429, 60)],
    });
    await world.run(0);
    world.clock.set('2026-03-02T15:05:00.000Z');

    await world.run(0);

    expect((await world.stored()).steps[0]).toMatchObject({
      dueAt: '2026-03-02T15:15:00.000Z',
      sendAttempts: 2,
    });
  });
});
