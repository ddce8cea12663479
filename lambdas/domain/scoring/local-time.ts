export interface LocalTime {
  /** 0-23 */
  hour: number;
  minute: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const QUARTER_HOUR_MS = 900_000;
const MAX_CACHED_OFFSETS = 4096;

const formatters = new Map<string, Intl.DateTimeFormat>();
// Zone offsets only change on a quarter hour (DST, rule changes), so one lookup per zone and
// quarter hour serves every lead in it; Intl formatting is the slow part of scoring otherwise.
const offsets = new Map<string, Map<number, number>>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

const offsetMinutes = (timeZone: string, quarterStart: number): number => {
  let zone = offsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  const cached = zone.get(quarterStart);
  if (cached !== undefined) return cached;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(quarterStart)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
  const offset = Math.round((asUtc - quarterStart) / 60_000);
  if (zone.size >= MAX_CACHED_OFFSETS) zone.clear();
  zone.set(quarterStart, offset);
  return offset;
};

/** Wall-clock hour, minute and weekday of an instant in an IANA time zone (throws on an unknown zone). */
export const localTimeIn = (timeZone: string, epochMs: number): LocalTime => {
  const quarterStart = Math.floor(epochMs / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const local = new Date(epochMs + offsetMinutes(timeZone, quarterStart) * 60_000);
  const day = local.getUTCDay();
  return { hour: local.getUTCHours(), minute: local.getUTCMinutes(), weekday: day === 0 ? 7 : day };
};
