/** Wall-clock fields of an instant in a time zone, as `yyyy-mm-ddThh:mm:ss`. */
const wallClock = (at: Date, timeZone: string): string => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
};

const hourMs = 3_600_000;

/**
 * The `at()` expression and time zone for a one-time schedule at an instant. The schedule is kept in
 * the lead's zone so it reads in their local time; when that wall-clock time happens twice (the hour
 * repeated as daylight saving ends), the lead's zone cannot say which one is meant, so UTC is used.
 */
export const scheduleTimeFor = (at: Date, timeZone: string): { expression: string; timeZone: string } => {
  const whole = new Date(Math.floor(at.getTime() / 1000) * 1000);
  const local = wallClock(whole, timeZone);
  const repeated =
    wallClock(new Date(whole.getTime() - hourMs), timeZone) === local ||
    wallClock(new Date(whole.getTime() + hourMs), timeZone) === local;
  return repeated
    ? { expression: `at(${wallClock(whole, 'UTC')})`, timeZone: 'UTC' }
    : { expression: `at(${local})`, timeZone };
};
