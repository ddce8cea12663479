import { describe, expect, it } from 'vitest';
import {
  type EraseLeadFollowUpsDeps,
  eraseLeadFollowUps,
} from '../../../../lambdas/domain/followups/erase-lead-follow-ups';
import { createLead } from '../../../../lambdas/domain/leads/create-lead';
import { eraseLead } from '../../../../lambdas/domain/leads/erase-lead';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { FollowUpRun, FollowUpRunStatus } from '../../../../lambdas/ports/follow-up-runs';
import type { WakeScheduler } from '../../../../lambdas/ports/wake-scheduler';
import { createMockActor } from '../../../helpers/factories';
import { createInMemoryFollowUpRuns } from '../../../helpers/in-memory-follow-ups';
import { createInMemoryDeps } from '../../../helpers/in-memory-repositories';

const NOW = new Date('2026-03-02T14:00:00.000Z');

const run = (enrollmentId: string, leadId: string, status: FollowUpRunStatus): FollowUpRun =>
  ({
    enrollmentId,
    enrolment: { leadId, agentId: 'agent-dana', sequence: {}, enrolledAt: NOW.toISOString() },
    status,
    steps: [],
    stepsRun: [],
    results: [],
    pendingWake: { name: `wake-${enrollmentId}`, taskToken: `token-${enrollmentId}`, stepIndex: 1 },
    updatedAt: NOW.toISOString(),
  }) as unknown as FollowUpRun;

const world = (runs: FollowUpRun[]) => {
  const repository = createInMemoryFollowUpRuns();
  for (const stored of runs) repository.runs.set(stored.enrollmentId, stored);
  const cancelled: string[] = [];
  const woken: { token: string; stopReason?: string }[] = [];
  return {
    repository,
    cancelled,
    woken,
    deps: <EraseLeadFollowUpsDeps>{
      runs: repository,
      wakes: {
        async cancelWake(name: string) {
          cancelled.push(name);
          return 'cancelled' as const;
        },
        async wakeNow(token: string, input: Parameters<WakeScheduler['wakeNow']>[1]) {
          woken.push({ token, stopReason: (input as { stopReason?: string }).stopReason });
          return 'woken' as const;
        },
      },
      clock: fixedClock(NOW),
    },
  };
};

describe('eraseLeadFollowUps', () => {
  it('stops and removes every run of the lead, waking each waiting execution to end', async () => {
    const { repository, deps, cancelled, woken } = world([
      run('enr-running', 'lead-sam', 'running'),
      run('enr-paused', 'lead-sam', 'paused'),
      run('enr-finished', 'lead-sam', 'finished'),
      run('enr-failed', 'lead-sam', 'failed'),
    ]);

    expect(await eraseLeadFollowUps('lead-sam', deps)).toBe(4);

    expect([...repository.runs.keys()]).toEqual([]);
    expect(cancelled.sort()).toEqual(['wake-enr-paused', 'wake-enr-running']);
    expect(woken).toEqual(
      expect.arrayContaining([
        { token: 'token-enr-running', stopReason: 'lead_erased' },
        { token: 'token-enr-paused', stopReason: 'lead_erased' },
      ]),
    );
    expect(woken).toHaveLength(2);
  });

  it('wakes a run an earlier, interrupted erase already stopped', async () => {
    const { deps, woken } = world([run('enr-stopped', 'lead-sam', 'stopped')]);

    await eraseLeadFollowUps('lead-sam', deps);

    expect(woken).toEqual([{ token: 'token-enr-stopped', stopReason: 'lead_erased' }]);
  });

  it('stops a run before removing it, so nothing goes out in between', async () => {
    const { repository, deps } = world([run('enr-running', 'lead-sam', 'running')]);
    const order: string[] = [];
    const watched = {
      ...deps,
      runs: {
        ...repository,
        async stop(id: string, reason: string, at: Date) {
          order.push(`stop ${id} ${reason}`);
          return repository.stop(id, reason, at);
        },
        async remove(id: string) {
          order.push(`remove ${id}`);
          return repository.remove(id);
        },
      },
    };

    await eraseLeadFollowUps('lead-sam', watched);

    expect(order).toEqual(['stop enr-running lead_erased', 'remove enr-running']);
  });

  it('leaves other leads’ runs alone and finds nothing for a lead without follow-ups', async () => {
    const { repository, deps, woken } = world([run('enr-other', 'lead-omar', 'running')]);

    expect(await eraseLeadFollowUps('lead-sam', deps)).toBe(0);

    expect(repository.runs.get('enr-other')?.status).toBe('running');
    expect(woken).toEqual([]);
  });
});

describe('eraseLead with follow-ups', () => {
  it('ends and removes the lead’s follow-ups along with the lead', async () => {
    const dana = createMockActor();
    const leadDeps = createInMemoryDeps();
    const { lead } = await createLead(
      dana,
      { name: 'Sam Rivera', source: 'direct', phone: '+1 212 555 0142' },
      leadDeps,
    );
    const { repository, deps, woken } = world([run('enr-running', lead.leadId, 'running')]);

    await eraseLead(dana, lead.leadId, { ...leadDeps, ...deps });

    expect(repository.runs.size).toBe(0);
    expect(woken).toEqual([{ token: 'token-enr-running', stopReason: 'lead_erased' }]);
    expect(await leadDeps.leads.get(lead.leadId, { includeErasing: true })).toBeUndefined();
  });
});
