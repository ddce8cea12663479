import { sequenceStepSchema } from '../../../schemas/api/sequences';
import type { FollowUpEnrolment, FollowUpRun, FollowUpRunRepository } from '../../ports/follow-up-runs';
import { isConditionFailure } from './condition-failure';
import type { FollowUpRunItem } from './entities/follow-up-run';
import type { CrmService } from './service';

const toEnrolment = (item: FollowUpRunItem): FollowUpEnrolment | undefined => {
  const { leadId, agentId, sequence, enrolledAt } = item;
  if (!leadId || !agentId || !sequence || !enrolledAt) return undefined;
  const { stepsJson, ...snapshot } = sequence;
  const steps = sequenceStepSchema.array().parse(JSON.parse(stepsJson));
  return { leadId, agentId, enrolledAt, sequence: { ...snapshot, steps } };
};

const toRun = (item: FollowUpRunItem): FollowUpRun => {
  const enrolment = toEnrolment(item);
  return {
    enrollmentId: item.enrollmentId,
    ...(enrolment && { enrolment }),
    status: item.status,
    steps: item.steps.map(({ dueAt, timeZone, channel, leadLocalTime }) => ({
      dueAt,
      timeZone,
      ...(channel && { channel }),
      ...(leadLocalTime && { leadLocalTime }),
    })),
    stepsRun: item.stepsRun,
    ...(item.pendingWake && { pendingWake: item.pendingWake }),
    ...(item.stopReason && { stopReason: item.stopReason }),
    ...(item.failure && { failure: item.failure }),
    updatedAt: item.updatedAt,
  };
};

/** Engine records in the table, one item per enrolment; every state change is a conditional update. */
export const createFollowUpRunRepository = (service: CrmService): FollowUpRunRepository => {
  const { followUpRun } = service.entities;

  const get = async (enrollmentId: string) => {
    const { data } = await followUpRun.get({ enrollmentId }).go();
    return data ? toRun(data) : undefined;
  };

  return {
    get,

    async latestForLead(leadId) {
      const { data } = await followUpRun.query.byLead({ leadId }).go({ order: 'desc', limit: 1 });
      const run = data[0] && toRun(data[0]);
      return run?.enrolment ? { ...run, enrolment: run.enrolment } : undefined;
    },

    async create({ enrollmentId, steps, enrolment }, at) {
      const run: FollowUpRun = {
        enrollmentId,
        ...(enrolment && { enrolment }),
        status: 'running',
        steps,
        stepsRun: [],
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
