import { describe, expect, it } from 'vitest';
import { builtInSequenceFor } from '../../../../lambdas/domain/followups/built-in-sequences';
import { reactToLeadEvent, stopReasonFor } from '../../../../lambdas/domain/followups/react-to-lead-event';
import { fixedClock } from '../../../../lambdas/ports/clock';
import {
  type FollowUpEnrolment,
  type FollowUpRun,
  progressesFrom,
  type StepProgress,
  type StepResult,
} from '../../../../lambdas/ports/follow-up-runs';
import type { LeadEvent } from '../../../../lambdas/ports/lead-events';

const sent = (stepIndex: number, ranAt: string, status: StepResult['status'] = 'sent'): StepResult => ({
  stepIndex,
  status,
  channel: 'whatsapp',
  ranAt,
  updatedAt: ranAt,
});

/** A lead's runs kept in memory with the table's conditions, and wakes that record what they did. */
const world = (runs: Array<Partial<FollowUpRun> & { enrollmentId: string; enrolledAt: string }>) => {
  const sequence = builtInSequenceFor('hot');
  const items = new Map<string, FollowUpRun & { enrolment: FollowUpEnrolment }>(
    runs.map(({ enrolledAt, ...run }) => [
      run.enrollmentId,
      {
        status: 'running',
        steps: [],
        stepsRun: [],
        results: [],
        updatedAt: enrolledAt,
        enrolment: { leadId: 'lead-1', agentId: 'agent-1', sequence, enrolledAt },
        ...run,
      },
    ]),
  );
  const woken: unknown[] = [];
  const cancelled: string[] = [];
  const deps = {
    clock: fixedClock('2026-12-02T12:00:00.000Z'),
    runs: {
      listForLead: async () =>
        [...items.values()].sort((a, b) => b.enrolment.enrolledAt.localeCompare(a.enrolment.enrolledAt)),
      get: async (id: string) => structuredClone(items.get(id)),
      stop: async (id: string, reason: string) => {
        const run = items.get(id);
        if (run?.status !== 'running' && run?.status !== 'paused') return false;
        Object.assign(run, { status: 'stopped', stopReason: reason });
        return true;
      },
      advanceStepResult: async (id: string, stepIndex: number, status: StepProgress) => {
        const result = items.get(id)?.results.find((each) => each.stepIndex === stepIndex);
        if (!result || !progressesFrom[status].includes(result.status)) return false;
        result.status = status;
        return true;
      },
    },
    wakes: {
      cancelWake: async (name: string) => {
        cancelled.push(name);
        return 'cancelled' as const;
      },
      wakeNow: async (_token: string, output: unknown) => {
        woken.push(output);
        return 'woken' as const;
      },
    },
  };
  return { items, woken, cancelled, deps };
};

const event = (type: LeadEvent['type'], data?: Record<string, unknown>): LeadEvent => ({
  leadId: 'lead-1',
  eventId: 'evt-1',
  type,
  occurredAt: '2026-12-02T11:00:00.000Z',
  ...(data && { data }),
});

const pendingWake = { name: 'run-a-1', taskToken: 'token-a', stepIndex: 1 };

describe('reactToLeadEvent', () => {
  it('stops a running run on a reply, wakes it to finish and marks the latest sent step replied', async () => {
    const { items, woken, cancelled, deps } = world([
      {
        enrollmentId: 'run-a',
        enrolledAt: '2026-12-01T08:00:00.000Z',
        stepsRun: [0, 1],
        results: [
          sent(0, '2026-12-01T10:00:00.000Z', 'read'),
          sent(1, '2026-12-02T10:00:00.000Z', 'delivered'),
        ],
        pendingWake,
      },
    ]);

    const reaction = await reactToLeadEvent(event('lead.replied'), deps);

    expect(reaction).toEqual({ stopped: ['run-a'], replied: { enrollmentId: 'run-a', stepIndex: 1 } });
    expect(items.get('run-a')).toMatchObject({ status: 'stopped', stopReason: 'replied' });
    expect(items.get('run-a')?.results.map((result) => result.status)).toEqual(['read', 'replied']);
    expect(cancelled).toEqual(['run-a-1']);
    expect(woken).toEqual([{ reason: 'stop', stopReason: 'replied' }]);
  });

  it('stops a paused run on an opt-out, and a closed outcome as closed', async () => {
    const optOut = world([
      { enrollmentId: 'run-a', enrolledAt: '2026-12-01T08:00:00.000Z', status: 'paused' },
    ]);
    await reactToLeadEvent(event('lead.opted_out'), optOut.deps);
    const lost = world([{ enrollmentId: 'run-b', enrolledAt: '2026-12-01T08:00:00.000Z' }]);
    await reactToLeadEvent(event('lead.outcome_recorded', { result: 'lost' }), lost.deps);

    expect(optOut.items.get('run-a')).toMatchObject({ status: 'stopped', stopReason: 'opted_out' });
    expect(lost.items.get('run-b')).toMatchObject({ status: 'stopped', stopReason: 'closed' });
  });

  it('leaves runs alone on an opt-in or an outcome that does not close the lead', async () => {
    const { items, woken, deps } = world([{ enrollmentId: 'run-a', enrolledAt: '2026-12-01T08:00:00.000Z' }]);

    const optIn = await reactToLeadEvent(event('lead.opted_in'), deps);
    const open = await reactToLeadEvent(event('lead.outcome_recorded', { result: 'open' }), deps);

    expect([optIn, open]).toEqual([{ stopped: [] }, { stopped: [] }]);
    expect(items.get('run-a')?.status).toBe('running');
    expect(woken).toEqual([]);
  });

  it('reads a closing result only on an outcome, never on another event carrying one', async () => {
    const { items, woken, deps } = world([{ enrollmentId: 'run-a', enrolledAt: '2026-12-01T08:00:00.000Z' }]);

    const reaction = await reactToLeadEvent(event('lead.opted_in', { result: 'converted' }), deps);

    expect(reaction).toEqual({ stopped: [] });
    expect(items.get('run-a')?.status).toBe('running');
    expect(woken).toEqual([]);
    expect(stopReasonFor({ type: 'lead.outcome_recorded', data: { result: 'converted' } })).toBe('closed');
  });

  it('never stops a run enrolled after the event, however late the record arrives', async () => {
    const { items, deps } = world([
      {
        enrollmentId: 'run-new',
        enrolledAt: '2026-12-02T11:30:00.000Z',
        results: [sent(0, '2026-12-02T11:31:00.000Z')],
      },
    ]);

    const reaction = await reactToLeadEvent(event('lead.replied'), deps);

    expect(reaction).toEqual({ stopped: [] });
    expect(items.get('run-new')?.status).toBe('running');
    expect(items.get('run-new')?.results[0]?.status).toBe('sent');
  });

  it('changes nothing more when the same reply comes twice, and keeps a different earlier stop reason', async () => {
    const { items, deps } = world([
      {
        enrollmentId: 'run-a',
        enrolledAt: '2026-12-01T08:00:00.000Z',
        stepsRun: [0],
        results: [sent(0, '2026-12-01T10:00:00.000Z')],
      },
      {
        enrollmentId: 'run-old',
        enrolledAt: '2026-11-01T08:00:00.000Z',
        status: 'stopped',
        stopReason: 'opted_out',
      },
    ]);
    await reactToLeadEvent(event('lead.replied'), deps);
    const first = structuredClone(items.get('run-a'));

    await reactToLeadEvent(event('lead.replied'), deps);

    expect(items.get('run-a')).toEqual(first);
    expect(items.get('run-a')?.results[0]?.status).toBe('replied');
    expect(items.get('run-old')).toMatchObject({ status: 'stopped', stopReason: 'opted_out' });
  });

  it('lets a new lead write again before its first answer went out, and stops on a message after it', async () => {
    const waiting = world([{ enrollmentId: 'run-a', enrolledAt: '2026-12-02T10:58:00.000Z' }]);
    const answered = world([
      {
        enrollmentId: 'run-b',
        enrolledAt: '2026-12-02T10:58:00.000Z',
        stepsRun: [0],
        results: [sent(0, '2026-12-02T10:59:00.000Z')],
      },
    ]);

    const early = await reactToLeadEvent(event('lead.replied'), waiting.deps);
    const late = await reactToLeadEvent(event('lead.replied'), answered.deps);

    expect(early).toEqual({ stopped: [] });
    expect(waiting.items.get('run-a')?.status).toBe('running');
    expect(late).toEqual({ stopped: ['run-b'], replied: { enrollmentId: 'run-b', stepIndex: 0 } });
  });

  it('stops a run that opens with no first answer on any message after its enrolment', async () => {
    const sequence = { ...builtInSequenceFor('hot') };
    sequence.steps = sequence.steps.slice(1);
    const { items, deps } = world([
      {
        enrollmentId: 'run-a',
        enrolledAt: '2026-12-02T10:58:00.000Z',
        enrolment: { leadId: 'lead-1', agentId: 'agent-1', sequence, enrolledAt: '2026-12-02T10:58:00.000Z' },
      },
    ]);

    const reaction = await reactToLeadEvent(event('lead.replied'), deps);

    expect(reaction).toEqual({ stopped: ['run-a'] });
    expect(items.get('run-a')).toMatchObject({ status: 'stopped', stopReason: 'replied' });
  });

  it('stops only runs enrolled at or before an opt-out, and marks no step replied', async () => {
    const { items, deps } = world([
      {
        enrollmentId: 'run-at',
        enrolledAt: '2026-12-02T11:00:00.000Z',
        stepsRun: [0],
        results: [sent(0, '2026-12-02T11:00:00.000Z')],
      },
      { enrollmentId: 'run-after', enrolledAt: '2026-12-02T11:00:01.000Z' },
    ]);

    const reaction = await reactToLeadEvent(event('lead.opted_out'), deps);

    expect(reaction).toEqual({ stopped: ['run-at'] });
    expect(items.get('run-after')?.status).toBe('running');
    expect(items.get('run-at')?.results[0]?.status).toBe('sent');
  });

  it('stops again a run stopped for this reason, and leaves one stopped for another reason or ended', async () => {
    const { woken, deps } = world([
      {
        enrollmentId: 'run-a',
        enrolledAt: '2026-12-01T08:00:00.000Z',
        status: 'stopped',
        stopReason: 'opted_out',
      },
      {
        enrollmentId: 'run-b',
        enrolledAt: '2026-11-20T08:00:00.000Z',
        status: 'stopped',
        stopReason: 'replied',
      },
      { enrollmentId: 'run-c', enrolledAt: '2026-11-10T08:00:00.000Z', status: 'finished' },
      {
        enrollmentId: 'run-d',
        enrolledAt: '2026-11-01T08:00:00.000Z',
        status: 'failed',
        stopReason: 'opted_out',
      },
    ]);

    const reaction = await reactToLeadEvent(event('lead.opted_out'), deps);

    expect(reaction).toEqual({ stopped: ['run-a'] });
    expect(woken).toEqual([]);
  });

  it('counts a reply towards a step sent in the same second, and not a message sent with the first answer', async () => {
    const sameSecond = world([
      {
        enrollmentId: 'run-a',
        enrolledAt: '2026-12-01T08:00:00.000Z',
        stepsRun: [0, 1],
        results: [sent(0, '2026-12-01T10:00:00.000Z'), sent(1, '2026-12-02T11:00:00.000Z')],
      },
    ]);
    const withAnswer = world([
      {
        enrollmentId: 'run-b',
        enrolledAt: '2026-12-02T10:59:00.000Z',
        stepsRun: [0],
        results: [sent(0, '2026-12-02T11:00:00.000Z')],
      },
    ]);

    const replied = await reactToLeadEvent(event('lead.replied'), sameSecond.deps);
    const notYet = await reactToLeadEvent(event('lead.replied'), withAnswer.deps);

    expect(replied.replied).toEqual({ enrollmentId: 'run-a', stepIndex: 1 });
    expect(notYet).toEqual({ stopped: [] });
  });

  it('counts every message after enrolment for a run with no steps at all', async () => {
    const sequence = { ...builtInSequenceFor('hot'), steps: [] };
    const { deps } = world([
      {
        enrollmentId: 'run-a',
        enrolledAt: '2026-12-02T10:58:00.000Z',
        enrolment: { leadId: 'lead-1', agentId: 'agent-1', sequence, enrolledAt: '2026-12-02T10:58:00.000Z' },
      },
    ]);

    expect(await reactToLeadEvent(event('lead.replied'), deps)).toEqual({ stopped: ['run-a'] });
  });

  it('does not count a reply towards a step sent after it', async () => {
    const { items, deps } = world([
      {
        enrollmentId: 'run-a',
        enrolledAt: '2026-12-01T08:00:00.000Z',
        stepsRun: [0, 1],
        results: [sent(0, '2026-12-01T10:00:00.000Z'), sent(1, '2026-12-02T11:30:00.000Z')],
      },
    ]);

    await reactToLeadEvent(event('lead.replied'), deps);

    expect(items.get('run-a')?.results.map((result) => result.status)).toEqual(['replied', 'sent']);
  });
});
