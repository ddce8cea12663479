import type { FollowUpEnrolment, FollowUpRun, FollowUpRunStep } from '../../ports/follow-up-runs';
import { dueWithinWorkingHours } from './due-within-working-hours';
import type { FollowUpTiming } from './follow-up-context';
import { nextAllowedSendTime } from './next-allowed-send-time';
import { planSteps } from './plan-steps';
import { formatLocal } from './wall-clock';

/**
 * The steps of a resumed run: those that ran keep their record; the others are planned again as if
 * the run had been enrolled later by the length of the pause, so they keep the sequence's spacing,
 * with quiet hours (and, for calls, working hours) read again in the lead's zone. A step that would
 * now be in the past goes out at the next allowed minute from `now`.
 */
export const replanRemainingSteps = (
  run: Pick<FollowUpRun, 'steps' | 'stepsRun' | 'pausedAt'> & { enrolment: FollowUpEnrolment },
  timing: FollowUpTiming,
  now: Date,
): FollowUpRunStep[] => {
  const pausedFor = now.getTime() - Date.parse(run.pausedAt ?? now.toISOString());
  const shiftedStart = new Date(Date.parse(run.enrolment.enrolledAt) + Math.max(0, pausedFor));
  const planned = planSteps(run.enrolment.sequence, shiftedStart, timing);

  return run.steps.map((step, stepIndex) => {
    const next = planned[stepIndex];
    if (run.stepsRun.includes(stepIndex) || !next) return step;
    let at = new Date(next.plannedAt);
    if (at.getTime() < now.getTime()) {
      at =
        next.channel === 'call'
          ? dueWithinWorkingHours(now, { workingHours: timing.workingHours, timeZone: timing.agentTimeZone })
          : nextAllowedSendTime(now, { quietHours: timing.quietHours, timeZone: timing.leadTimeZone });
    }
    return {
      dueAt: at.toISOString(),
      timeZone: timing.leadTimeZone,
      channel: next.channel,
      leadLocalTime: formatLocal(timing.leadTimeZone, at.getTime()),
    };
  });
};
