/**
 * Wall-clock arithmetic in IANA time zones with `Intl.DateTimeFormat` only. Every instant is an
 * epoch in milliseconds; a "local epoch" is the same wall time read as if it were UTC, so local
 * dates and minutes of the day come from plain `Date.UTC` arithmetic.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** The zone's wall time at `epochMs`, read as a UTC epoch (keeps the milliseconds). */
export const localEpochOf = (timeZone: string, epochMs: number): number => {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) parts[part.type] = part.value;
  const year = parts.era === 'BC' ? 1 - Number(parts.year) : Number(parts.year);
  const wholeSecond = Date.UTC(
    year,
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wholeSecond + (((epochMs % 1000) + 1000) % 1000);
};

/** "HH:mm" as minutes after midnight. */
export const minutesOfClockTime = (clockTime: string): number => {
  const match = /^(\d{2}):(\d{2})$/.exec(clockTime);
  if (!match) throw new RangeError(`"${clockTime}" is not a HH:mm time`);
  return Number(match[1]) * 60 + Number(match[2]);
};

/** Minutes after local midnight of a local epoch (seconds dropped). */
export const minuteOfDay = (localEpoch: number): number =>
  Math.floor((((localEpoch % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);

/** Local midnight (as a local epoch) of the day holding `localEpoch`, shifted by `days`. */
export const localMidnight = (localEpoch: number, days = 0): number =>
  Math.floor(localEpoch / DAY_MS) * DAY_MS + days * DAY_MS;

/** ISO weekday (1 = Monday … 7 = Sunday) of a local epoch. */
export const isoWeekday = (localEpoch: number): number => {
  const day = new Date(localEpoch).getUTCDay();
  return day === 0 ? 7 : day;
};

/**
 * The earliest instant at or after `notBefore` whose wall time in the zone is at or after the
 * wall time `localTarget`. A wall time that happens twice (clocks fall back) gives its first
 * occurrence not before `notBefore`; one that never happens (clocks spring forward) gives the
 * moment the clocks jump past it.
 */
export const firstInstantAtLocal = (timeZone: string, localTarget: number, notBefore: number): number => {
  // A zone has at most one transition within a day of any wall time, so these cover both sides.
  const offsets = new Set(
    [localTarget - DAY_MS, localTarget, localTarget + DAY_MS].map(
      (probe) => localEpochOf(timeZone, probe) - probe,
    ),
  );
  const exact = [...offsets]
    .map((offset) => localTarget - offset)
    .filter((instant) => instant >= notBefore && localEpochOf(timeZone, instant) === localTarget)
    .sort((a, b) => a - b);
  if (exact[0] !== undefined) return exact[0];

  // In a gap, or every occurrence is before notBefore: search for the first instant reaching it.
  const low = Math.max(notBefore, localTarget - Math.max(...offsets) - DAY_MS);
  if (localEpochOf(timeZone, low) >= localTarget) return low;
  let high = low + 2 * DAY_MS;
  while (localEpochOf(timeZone, high) < localTarget) high += DAY_MS;
  // Invariant: wall(low) < target <= wall(high). Transitions fall on whole seconds: search seconds.
  let lowSecond = Math.floor(low / 1000);
  let highSecond = Math.ceil(high / 1000);
  while (highSecond - lowSecond > 1) {
    const mid = lowSecond + Math.floor((highSecond - lowSecond) / 2);
    if (localEpochOf(timeZone, mid * 1000) >= localTarget) highSecond = mid;
    else lowSecond = mid;
  }
  return highSecond * 1000;
};

/** The instant as the zone's wall time with its offset, e.g. `2026-03-02T08:00:00-05:00`. */
export const formatLocal = (timeZone: string, epochMs: number): string => {
  const local = localEpochOf(timeZone, epochMs);
  const offsetMinutes = Math.round((local - epochMs) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${new Date(local - (local % 1000)).toISOString().slice(0, 19)}${offset}`;
};
