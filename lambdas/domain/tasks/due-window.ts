import type { TaskDueWindow } from '../../../schemas/api/tasks';
import { firstInstantAtLocal, localEpochOf, localMidnight } from '../followups/wall-clock';

const DAY_MS = 86_400_000;

/**
 * The agent's calendar day holding `now` in their zone, from its first instant to the first instant
 * of the next day: 23 or 25 hours long on a daylight-saving day, and starting at the moment the
 * clocks jump where midnight itself is skipped.
 */
export const todayIn = (timeZone: string, now: Date): { start: Date; end: Date } => {
  const at = now.getTime();
  const local = localEpochOf(timeZone, at);
  // No zone is more than a day and a half off UTC: two days back is safely before the day began.
  const start = firstInstantAtLocal(timeZone, localMidnight(local), at - 2 * DAY_MS);
  const end = firstInstantAtLocal(timeZone, localMidnight(local, 1), start + 1);
  return { start: new Date(start), end: new Date(end) };
};

/** The due-time range of a task list, as UTC instants: `dueFrom` inclusive, `dueBefore` exclusive. */
export const dueWindow = (
  due: TaskDueWindow,
  timeZone: string,
  now: Date,
): { dueFrom?: string; dueBefore?: string } => {
  if (due === 'overdue') return { dueBefore: now.toISOString() };
  const { start, end } = todayIn(timeZone, now);
  if (due === 'upcoming') return { dueFrom: end.toISOString() };
  return { dueFrom: start.toISOString(), dueBefore: end.toISOString() };
};
