import type { FollowUpRun, FollowUpRunRepository } from '../../ports/follow-up-runs';
import { isConditionFailure } from './condition-failure';
import type { FollowUpRunItem } from './entities/follow-up-run';
import type { CrmService } from './service';

const toRun = (item: FollowUpRunItem): FollowUpRun => ({
  enrollmentId: item.enrollmentId,
  status: item.status,
  steps: item.steps.map(({ dueAt, timeZone }) => ({ dueAt, timeZone })),
  stepsRun: item.stepsRun,
  ...(item.pendingWake && { pendingWake: item.pendingWake }),
  ...(item.stopReason && { stopReason: item.stopReason }),
  ...(item.failure && { failure: item.failure }),
  updatedAt: item.updatedAt,
});

/** Engine records in the table, one item per enrolment; every state change is a conditional update. */
export const createFollowUpRunRepository = (service: CrmService): FollowUpRunRepository => {
  const { followUpRun } = service.entities;

  const get = async (enrollmentId: string) => {
    const { data } = await followUpRun.get({ enrollmentId }).go();
    return data ? toRun(data) : undefined;
  };

  return {
    get,

    async create({ enrollmentId, steps }, at) {
      const item = {
        enrollmentId,
        status: 'running' as const,
        steps,
        stepsRun: [],
        updatedAt: at.toISOString(),
      };
      await followUpRun.create(item).go();
      return item;
    },

    async setPendingWake(enrollmentId, wake, at) {
      try {
        await followUpRun
          .patch({ enrollmentId })
          .set({ pendingWake: wake, updatedAt: at.toISOString() })
          .where(({ status }, { eq }) => eq(status, 'running'))
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
        return 'recorded';
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const run = await get(enrollmentId);
        return run?.stepsRun.includes(stepIndex) ? 'already_ran' : 'not_running';
      }
    },

    async stop(enrollmentId, reason, at) {
      try {
        await followUpRun
          .patch({ enrollmentId })
          .set({ status: 'stopped', stopReason: reason, updatedAt: at.toISOString() })
          .where(({ status }, { eq }) => eq(status, 'running'))
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
          .remove(['pendingWake'])
          .where(({ status }, { eq }) => eq(status, 'running'))
          .go();
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        await followUpRun
          .patch({ enrollmentId })
          .set({ updatedAt: at.toISOString() })
          .remove(['pendingWake'])
          .go();
      }
    },

    async fail(enrollmentId, failure, at) {
      try {
        await followUpRun
          .patch({ enrollmentId })
          .set({ status: 'failed', failure, updatedAt: at.toISOString() })
          .remove(['pendingWake'])
          .go();
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
};
