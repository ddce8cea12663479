import type { FollowUp, FollowUpStep } from '../../../schemas/api/follow-ups';
import type { FollowUpEnrolment, FollowUpRun } from '../../ports/follow-up-runs';

/** A step's recorded result; a step claimed and not yet recorded is under way. */
const resultOf = (
  run: FollowUpRun,
  stepIndex: number,
): Pick<FollowUpStep, 'result'> & Partial<FollowUpStep> => {
  const recorded = run.results.find((result) => result.stepIndex === stepIndex);
  if (!recorded) return { result: run.stepsRun.includes(stepIndex) ? 'sending' : 'pending' };
  return {
    result: recorded.status,
    ...(recorded.reason && { reason: recorded.reason }),
    ...(recorded.condition && { condition: recorded.condition }),
    channelUsed: recorded.channel,
    ...(recorded.via && { via: recorded.via }),
    ranAt: recorded.ranAt,
    ...(recorded.taskId && { taskId: recorded.taskId }),
  };
};

/** What the agent sees of an enrolment's run: its sequence, status and each step's time and result. */
export const followUpView = (run: FollowUpRun & { enrolment: FollowUpEnrolment }): FollowUp => {
  const waiting = run.status === 'running' || run.status === 'paused';
  const currentStepIndex = waiting
    ? run.steps.findIndex((_step, index) => !run.stepsRun.includes(index))
    : -1;
  const current = run.steps[currentStepIndex];
  return {
    enrollmentId: run.enrollmentId,
    leadId: run.enrolment.leadId,
    sequence: {
      sequenceId: run.enrolment.sequence.sequenceId,
      version: run.enrolment.sequence.version,
      name: run.enrolment.sequence.name,
    },
    status: run.status,
    enrolledAt: run.enrolment.enrolledAt,
    leadTimeZone: run.steps[0]?.timeZone ?? 'UTC',
    ...(current && { currentStepIndex }),
    // A paused run has no send time until it is resumed.
    ...(current &&
      run.status === 'running' && {
        nextSendAt: current.dueAt,
        nextSendAtLeadLocal: current.leadLocalTime ?? current.dueAt,
      }),
    ...(run.pausedAt && { pausedAt: run.pausedAt }),
    ...(run.stopReason && { stopReason: run.stopReason }),
    steps: run.steps.map((step, stepIndex) => ({
      stepIndex,
      channel: step.channel ?? run.enrolment.sequence.steps[stepIndex]?.channel ?? 'whatsapp',
      dueAt: step.dueAt,
      dueAtLeadLocal: step.leadLocalTime ?? step.dueAt,
      ...resultOf(run, stepIndex),
    })),
  };
};
