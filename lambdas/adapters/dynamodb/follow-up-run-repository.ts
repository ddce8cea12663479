import { sequenceStepSchema } from '../../../schemas/api/sequences';
import {
  type FollowUpEnrolment,
  type FollowUpRun,
  type FollowUpRunRepository,
  progressesFrom,
  type StepResult,
} from '../../ports/follow-up-runs';
import { isConditionFailure } from './condition-failure';
import type { FollowUpRunItem } from './entities/follow-up-run';
import type { FollowUpStepResultItem } from './entities/follow-up-step-result';
import type { CrmService } from './service';

const toEnrolment = (item: FollowUpRunItem): FollowUpEnrolment | undefined => {
  const { leadId, agentId, sequence, enrolledAt } = item;
  if (!leadId || !agentId || !sequence || !enrolledAt) return undefined;
  const { stepsJson, ...snapshot } = sequence;
  const steps = sequenceStepSchema.array().parse(JSON.parse(stepsJson));
  return { leadId, agentId, enrolledAt, sequence: { ...snapshot, steps } };
};

const toResult = (item: FollowUpStepResultItem): StepResult => {
  const { enrollmentId: _enrollment, ...result } = item;
  return Object.fromEntries(
    Object.entries(result).filter(([, value]) => value !== undefined),
  ) as unknown as StepResult;
};

const toRun = (item: FollowUpRunItem, results: StepResult[]): FollowUpRun => {
  const enrolment = toEnrolment(item);
  return {
    enrollmentId: item.enrollmentId,
    ...(enrolment && { enrolment }),
    status: item.status,
    steps: item.steps.map(({ dueAt, timeZone, channel, leadLocalTime, sendAttempts }) => ({
      dueAt,
      timeZone,
      ...(channel && { channel }),
      ...(leadLocalTime && { leadLocalTime }),
      ...(sendAttempts !== undefined && { sendAttempts }),
    })),
    stepsRun: item.stepsRun,
    results,
    ...(item.pendingWake && { pendingWake: item.pendingWake }),
    ...(item.stopReason && { stopReason: item.stopReason }),
    ...(item.pausedAt && { pausedAt: item.pausedAt }),
    ...(item.failure && { failure: item.failure }),
    updatedAt: item.updatedAt,
  };
};

/** Where a run sits on its agent's agenda: its next step not yet run, while it is running; none otherwise. */
export const agendaOf = (
  run: Pick<FollowUpRunItem, 'status' | 'agentId' | 'steps' | 'stepsRun'>,
): { agendaAgentId: string; agendaDueAt: string } | undefined => {
  if (run.status !== 'running' || !run.agentId) return undefined;
  const due = run.steps
    .filter((_step, index) => !run.stepsRun.includes(index))
    .map((step) => step.dueAt)
    .sort()[0];
  return due === undefined ? undefined : { agendaAgentId: run.agentId, agendaDueAt: due };
};

const AGENDA = ['agendaAgentId', 'agendaDueAt'] as const;

/** Engine records in the table, one item per enrolment; every state change is a conditional update. */
export const createFollowUpRunRepository = (service: CrmService): FollowUpRunRepository => {
  const { followUpRun, followUpStepResult } = service.entities;

  const resultsOf = async (enrollmentId: string): Promise<StepResult[]> => {
    const { data } = await followUpStepResult.query.byEnrollment({ enrollmentId }).go({ pages: 'all' });
    return data.map(toResult).sort((a, b) => a.stepIndex - b.stepIndex);
  };

  const get = async (enrollmentId: string) => {
    const [{ data }, results] = await Promise.all([
      followUpRun.get({ enrollmentId }).go({ consistent: true }),
      resultsOf(enrollmentId),
    ]);
    return data ? toRun(data, results) : undefined;
  };

  /**
   * Puts the run where it now belongs on the agenda, after a change that moved its next step. Guarded by the
   * run being as read: a later change refreshes it in turn, so a stale agenda is never written over a fresh one.
   */
  const refreshAgenda = async (enrollmentId: string) => {
    const { data } = await followUpRun.get({ enrollmentId }).go({ consistent: true });
    if (!data) return;
    const agenda = agendaOf(data);
    if (agenda?.agendaDueAt === data.agendaDueAt && agenda?.agendaAgentId === data.agendaAgentId) return;
    const patch = followUpRun.patch({ enrollmentId });
    try {
      await (agenda ? patch.set(agenda) : patch.remove([...AGENDA]))
        .where((attr, { eq }) => eq(attr.updatedAt, data.updatedAt))
        .go();
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  };

  return {
    get,

    async latestForLead(leadId) {
      const { data } = await followUpRun.query.byLead({ leadId }).go({ order: 'desc', limit: 1 });
      const run = data[0] && toRun(data[0], await resultsOf(data[0].enrollmentId));
      return run?.enrolment ? { ...run, enrolment: run.enrolment } : undefined;
    },

    async listForLead(leadId) {
      const { data } = await followUpRun.query.byLead({ leadId }).go({ order: 'desc', pages: 'all' });
      const runs = await Promise.all(
        data.map(async (item) => toRun(item, await resultsOf(item.enrollmentId))),
      );
      return runs.flatMap((run) => (run.enrolment ? [{ ...run, enrolment: run.enrolment }] : []));
    },

    async create({ enrollmentId, steps, enrolment }, at) {
      const run: FollowUpRun = {
        enrollmentId,
        ...(enrolment && { enrolment }),
        status: 'running',
        steps,
        stepsRun: [],
        results: [],
        updatedAt: at.toISOString(),
      };
      const stored = enrolment && {
        leadId: enrolment.leadId,
        agentId: enrolment.agentId,
        enrolledAt: enrolment.enrolledAt,
        sequence: {
          sequenceId: enrolment.sequence.sequenceId,
          version: enrolment.sequence.version,
          name: enrolment.sequence.name,
          temperature: enrolment.sequence.temperature,
          stepsJson: JSON.stringify(enrolment.sequence.steps),
        },
      };
      try {
        await followUpRun
          .create({
            enrollmentId,
            status: 'running',
            steps,
            stepsRun: [],
            updatedAt: run.updatedAt,
            ...stored,
            ...agendaOf({ status: 'running', steps, stepsRun: [], agentId: enrolment?.agentId }),
          })
          .go();
        return { run, created: true };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const existing = await get(enrollmentId);
        if (!existing) throw error;
        return { run: existing, created: false };
      }
    },

    async setPendingWake(enrollmentId, wake, at) {
      try {
        await followUpRun
          .patch({ enrollmentId })
          .set({ pendingWake: wake, updatedAt: at.toISOString() })
          .where(({ status }, { eq }) => `${eq(status, 'running')} OR ${eq(status, 'paused')}`)
          .go();
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async recordStepRan(enrollmentId, stepIndex, at) {
      try {
        await followUpRun
          .patch({ enrollmentId })
          .append({ stepsRun: [stepIndex] })
          .set({ updatedAt: at.toISOString() })
          .where(
            ({ status, stepsRun }, { eq, contains }) =>
              `${eq(status, 'running')} AND NOT ${contains(stepsRun, stepIndex)}`,
          )
          .go();
        await refreshAgenda(enrollmentId);
        return 'recorded';
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const run = await get(enrollmentId);
        return run?.stepsRun.includes(stepIndex) ? 'already_ran' : 'not_running';
      }
    },

    async rescheduleStep(enrollmentId, stepIndex, { releaseClaim, ...change }, at) {
      const { data } = await followUpRun.get({ enrollmentId }).go({ consistent: true });
      const step = data?.steps[stepIndex];
      if (!data || !step) return false;
      const steps = data.steps.map((current, index) =>
        index === stepIndex ? { ...step, ...change } : current,
      );
      const stepsRun = releaseClaim ? data.stepsRun.filter((index) => index !== stepIndex) : data.stepsRun;
      const agenda = agendaOf({ ...data, status: 'running', steps, stepsRun });
      const patch = followUpRun.patch({ enrollmentId });
      try {
        // Whole lists are written, so the run must be the one just read: a stop or a claim in between wins.
        await (agenda ? patch.set(agenda) : patch.remove([...AGENDA]))
          .set({ steps, stepsRun, updatedAt: at.toISOString() })
          .where(
            (attr, { eq, contains }) =>
              `${eq(attr.status, 'running')} AND ${releaseClaim ? '' : 'NOT '}${contains(attr.stepsRun, stepIndex)} AND ${eq(attr.updatedAt, data.updatedAt)}`,
          )
          .go();
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async recordStepResult(enrollmentId, result) {
      try {
        await followUpStepResult.create({ enrollmentId, ...result }).go();
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async advanceStepResult(enrollmentId, stepIndex, status, at) {
      try {
        await followUpStepResult
          .patch({ enrollmentId, stepIndex })
          .set({ status, updatedAt: at.toISOString() })
          .where((attr, { eq }) =>
            progressesFrom[status].map((earlier) => eq(attr.status, earlier)).join(' OR '),
          )
          .go();
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async pause(enrollmentId, at) {
      try {
        await followUpRun
          .patch({ enrollmentId })
          .set({ status: 'paused', pausedAt: at.toISOString(), updatedAt: at.toISOString() })
          .remove([...AGENDA])
          .where(({ status }, { eq }) => eq(status, 'running'))
          .go();
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async resume(enrollmentId, steps, at) {
      try {
        await followUpRun
          .patch({ enrollmentId })
          .set({ status: 'running', steps, updatedAt: at.toISOString() })
          .remove(['pausedAt'])
          .where(({ status }, { eq }) => eq(status, 'paused'))
          .go();
        await refreshAgenda(enrollmentId);
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async remove(enrollmentId) {
      const { data } = await followUpStepResult.query.byEnrollment({ enrollmentId }).go({ pages: 'all' });
      if (data.length > 0) {
        const { unprocessed } = await followUpStepResult
          .delete(data.map(({ stepIndex }) => ({ enrollmentId, stepIndex })))
          .go();
        // The run goes last: while step results are left, a repeated erase still finds them through it.
        if (unprocessed.length > 0) throw new Error(`Step results of ${enrollmentId} were left; erase again`);
      }
      await followUpRun.delete({ enrollmentId }).go();
    },

    async stop(enrollmentId, reason, at) {
      try {
        await followUpRun
          .patch({ enrollmentId })
          .set({ status: 'stopped', stopReason: reason, updatedAt: at.toISOString() })
          .remove(['pausedAt', ...AGENDA])
          .where(({ status }, { eq }) => `${eq(status, 'running')} OR ${eq(status, 'paused')}`)
          .go();
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async finish(enrollmentId, at) {
      // A stopped run keeps its status and reason; only a running one becomes finished.
      try {
        await followUpRun
          .patch({ enrollmentId })
          .set({ status: 'finished', updatedAt: at.toISOString() })
          .remove(['pendingWake', ...AGENDA])
          .where(({ status }, { eq }) => eq(status, 'running'))
          .go();
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        await followUpRun
          .patch({ enrollmentId })
          .set({ updatedAt: at.toISOString() })
          .remove(['pendingWake'])
          .go()
          .catch((missing: unknown) => {
            // The run is gone (its lead was erased): there is nothing left to mark.
            if (!isConditionFailure(missing)) throw missing;
          });
      }
    },

    async fail(enrollmentId, failure, at) {
      try {
        await followUpRun
          .patch({ enrollmentId })
          .set({ status: 'failed', failure, updatedAt: at.toISOString() })
          .remove(['pendingWake', ...AGENDA])
          .go();
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
};
