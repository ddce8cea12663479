import type { AgentProfile } from '../../../schemas/api/agents';
import {
  firstInstantAtLocal,
  isoWeekday,
  localEpochOf,
  localMidnight,
  minutesOfClockTime,
} from './wall-clock';

type WorkingHours = AgentProfile['workingHours'];

export interface WorkingHoursRule {
  /** Working days and local hours; `start` after `end` runs past midnight into the next day. */
  workingHours: WorkingHours;
  /** IANA zone the hours are read in: the agent's, since the agent makes the call. */
  timeZone: string;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * When a call task planned for `desired` falls due: `desired` itself inside the agent's working
 * hours, else the start of the next working window. A window belongs to the day it starts on; equal
 * start and end mean the whole working day.
 */
export const dueWithinWorkingHours = (desired: Date, { workingHours, timeZone }: WorkingHoursRule): Date => {
  const at = desired.getTime();
  const start = minutesOfClockTime(workingHours.start);
  const end = minutesOfClockTime(workingHours.end);
  const length = (end - start + 24 * 60) % (24 * 60) || 24 * 60;
  const today = localMidnight(localEpochOf(timeZone, at));
  // Yesterday's window may run past midnight; a week on, every working day has come round.
  for (let day = -1; day <= 8; day++) {
    const midnight = today + day * DAY_MS;
    if (!workingHours.days.includes(isoWeekday(midnight))) continue;
    const opens = midnight + start * MINUTE_MS;
    const closes = opens + length * MINUTE_MS;
    const closesAt = firstInstantAtLocal(timeZone, closes, Number.MIN_SAFE_INTEGER);
    if (closesAt <= at) continue;
    const opensAt = firstInstantAtLocal(timeZone, opens, Number.MIN_SAFE_INTEGER);
    return new Date(Math.max(at, opensAt));
  }
  throw new RangeError('Working hours name no working day');
};
