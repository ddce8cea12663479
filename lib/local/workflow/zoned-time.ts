import { localEpochOf } from '../../../lambdas/domain/followups/wall-clock';

/** Offset of `timeZone` from UTC at an instant, in milliseconds. */
const offsetAt = (instant: number, timeZone: string): number => localEpochOf(timeZone, instant) - instant;

/**
 * The instant an `at(yyyy-mm-ddThh:mm:ss)` expression means in a time zone, as Scheduler reads it.
 * Throws on anything else.
 */
export const instantOfAtExpression = (expression: string, timeZone: string): Date => {
  const match = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(expression);
  if (!match) throw new Error(`Not a one-time schedule expression: ${expression}`);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as number[];
  const wall = Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second);
  // Two passes: the offset at the first guess can differ from the offset at the answer across a DST change.
  const first = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(first, timeZone));
};
