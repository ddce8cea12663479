import type { Channel, SequenceStep } from '../../../schemas/api/sequences';
import { dueWithinWorkingHours } from './due-within-working-hours';
import { mayAnswerAtOnce } from './first-answer';
import type { FollowUpTiming } from './follow-up-context';
import { nextAllowedSendTime } from './next-allowed-send-time';
import { formatLocal } from './wall-clock';

export interface PlannedStep {
  stepIndex: number;
  channel: Channel;
  /** When the delays alone put it (UTC). */
  dueAt: string;
  /** When it goes out (a message) or falls due (a call task), after quiet and working hours (UTC). */
  plannedAt: string;
  /** `plannedAt` as the lead's wall time with its offset. */
  leadLocalTime: string;
  leadTimeZone: string;
  /** Why `plannedAt` is later than `dueAt`, if it is. */
  movedBy?: 'quiet_hours' | 'working_hours' | 'previous_step';
  /** A first answer that goes out at once, quiet hours or not. */
  answeredAtOnce?: boolean;
}

const MINUTE_MS = 60_000;
const MAX_PASSES = 14;

/** A call task: inside the agent's working hours and, where the two overlap, outside the lead's quiet hours. */
const callDue = (due: Date, timing: FollowUpTiming): Date => {
  const working = { workingHours: timing.workingHours, timeZone: timing.agentTimeZone };
  const quiet = { quietHours: timing.quietHours, timeZone: timing.leadTimeZone };
  let at = dueWithinWorkingHours(due, working);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const allowed = nextAllowedSendTime(at, quiet);
    const inWorkingHours = dueWithinWorkingHours(allowed, working);
    if (inWorkingHours.getTime() === allowed.getTime()) return allowed;
    at = inWorkingHours;
  }
  // The agent's hours never meet the lead's waking hours: the agent's hours win, they decide.
  return dueWithinWorkingHours(due, working);
};

/**
 * Plans every step of a sequence for a lead enrolled at `enrolledAt`: its due time from the
 * delays, then the time it really happens. Messages wait out quiet hours in the lead's zone
 * (a first answer to a message from the last 10 minutes does not); call tasks fall due in the
 * agent's working hours. A step never comes before the one ahead of it, and a delay "after the
 * previous step" counts from when that step really happens.
 */
export const planSteps = (
  sequence: { steps: readonly SequenceStep[] },
  enrolledAt: Date,
  timing: FollowUpTiming,
): PlannedStep[] => {
  const planned: PlannedStep[] = [];
  let previous: number | undefined;
  sequence.steps.forEach((step, stepIndex) => {
    const base =
      step.delay.after === 'previous_step' ? (previous ?? enrolledAt.getTime()) : enrolledAt.getTime();
    const due = new Date(base + step.delay.minutes * MINUTE_MS);
    const notBefore = new Date(Math.max(due.getTime(), previous ?? 0));
    const answeredAtOnce =
      step.channel === 'whatsapp' &&
      step.firstAnswer === true &&
      mayAnswerAtOnce(timing.lastInboundAt, notBefore);
    const at = answeredAtOnce
      ? notBefore
      : step.channel === 'call'
        ? callDue(notBefore, timing)
        : nextAllowedSendTime(notBefore, { quietHours: timing.quietHours, timeZone: timing.leadTimeZone });
    const movedBy =
      at.getTime() > notBefore.getTime()
        ? step.channel === 'call'
          ? 'working_hours'
          : 'quiet_hours'
        : notBefore.getTime() > due.getTime()
          ? 'previous_step'
          : undefined;
    planned.push({
      stepIndex,
      channel: step.channel,
      dueAt: due.toISOString(),
      plannedAt: at.toISOString(),
      leadLocalTime: formatLocal(timing.leadTimeZone, at.getTime()),
      leadTimeZone: timing.leadTimeZone,
      ...(movedBy ? { movedBy } : {}),
      ...(answeredAtOnce ? { answeredAtOnce } : {}),
    });
    previous = at.getTime();
  });
  return planned;
};
