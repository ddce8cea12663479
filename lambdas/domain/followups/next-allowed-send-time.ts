import type { AgentProfile } from '../../../schemas/api/agents';
import {
  firstInstantAtLocal,
  localEpochOf,
  localMidnight,
  minuteOfDay,
  minutesOfClockTime,
} from './wall-clock';

type QuietHours = AgentProfile['quietHours'];

export interface QuietHoursRule {
  /** Local wall times; `start` after `end` wraps midnight (21:00–08:00). Equal means no quiet hours. */
  quietHours: QuietHours;
  /** IANA zone the wall times are read in: the lead's (see `leadTimeZone`). */
  timeZone: string;
}

const MINUTE_MS = 60_000;

/** Whether a local minute of the day falls inside [start, end), read around midnight when it wraps. */
export const isQuietMinute = (minute: number, start: number, end: number): boolean => {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
};

/** Whether the instant falls inside the quiet hours of the zone. */
export const isInQuietHours = (at: Date, { quietHours, timeZone }: QuietHoursRule): boolean =>
  isQuietMinute(
    minuteOfDay(localEpochOf(timeZone, at.getTime())),
    minutesOfClockTime(quietHours.start),
    minutesOfClockTime(quietHours.end),
  );

/**
 * The first moment at or after `desired` that is outside quiet hours in the zone: `desired` itself
 * when it is allowed, else the minute quiet hours end. Exact across daylight-saving changes: an end
 * time skipped by spring-forward gives the moment clocks jump past it; one that happens twice at
 * fall-back gives its first occurrence after `desired`.
 */
export const nextAllowedSendTime = (desired: Date, rule: QuietHoursRule): Date => {
  const start = minutesOfClockTime(rule.quietHours.start);
  const end = minutesOfClockTime(rule.quietHours.end);
  let at = desired.getTime();
  // Each pass leaves one quiet stretch; two suffice in any real zone, the bound only guards a loop.
  for (let pass = 0; pass < 8; pass++) {
    const local = localEpochOf(rule.timeZone, at);
    const minute = minuteOfDay(local);
    if (!isQuietMinute(minute, start, end)) return new Date(at);
    const endsTomorrow = start > end && minute >= start;
    const quietEnd = localMidnight(local, endsTomorrow ? 1 : 0) + end * MINUTE_MS;
    at = firstInstantAtLocal(rule.timeZone, quietEnd, at);
  }
  throw new RangeError(
    `No time outside quiet hours found after ${desired.toISOString()} in ${rule.timeZone}`,
  );
};
