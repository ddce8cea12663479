import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isInQuietHours,
  nextAllowedSendTime,
} from '../../../../lambdas/domain/followups/next-allowed-send-time';

const quiet = (start: string, end: string) => ({ start, end });
const NIGHT = quiet('21:00', '08:00');
const NEW_YORK = 'America/New_York';

/** An independent reading of the wall clock: Intl's own HH:mm for the instant. */
const wallTime = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    at,
  );

const quietByWallClock = (at: Date, timeZone: string, { start, end }: { start: string; end: string }) => {
  const now = wallTime(at, timeZone);
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
};

const send = (iso: string, quietHours = NIGHT, timeZone = NEW_YORK) =>
  nextAllowedSendTime(new Date(iso), { quietHours, timeZone }).toISOString();

describe('nextAllowedSendTime', () => {
  it('keeps a time outside quiet hours exactly as asked', () => {
    expect(send('2026-03-02T18:17:42.123Z')).toBe('2026-03-02T18:17:42.123Z');
  });

  it('moves 22:00 in New York to 08:00 the next morning', () => {
    // 2026-03-02T03:00Z is 22:00 EST on 1 March.
    expect(send('2026-03-02T03:00:00.000Z')).toBe('2026-03-02T13:00:00.000Z');
  });

  it('moves 06:59 to 08:00 the same morning', () => {
    expect(send('2026-03-02T11:59:00.000Z')).toBe('2026-03-02T13:00:00.000Z');
  });

  it('lets 08:00 itself through and stops at 20:59', () => {
    expect(send('2026-03-02T13:00:00.000Z')).toBe('2026-03-02T13:00:00.000Z');
    expect(send('2026-03-03T01:59:00.000Z')).toBe('2026-03-03T01:59:00.000Z');
    expect(send('2026-03-03T02:00:00.000Z')).toBe('2026-03-03T13:00:00.000Z');
  });

  it('reads quiet hours that do not wrap midnight (a lunch break)', () => {
    const lunch = quiet('12:00', '14:00');
    expect(send('2026-03-02T18:00:00.000Z', lunch)).toBe('2026-03-02T19:00:00.000Z');
    expect(send('2026-03-02T19:00:00.000Z', lunch)).toBe('2026-03-02T19:00:00.000Z');
    expect(send('2026-03-03T04:00:00.000Z', lunch)).toBe('2026-03-03T04:00:00.000Z');
  });

  it('treats equal start and end as no quiet hours', () => {
    expect(send('2026-03-02T03:00:00.000Z', quiet('21:00', '21:00'))).toBe('2026-03-02T03:00:00.000Z');
  });

  describe('New York spring-forward (8 March 2026, 02:00 EST → 03:00 EDT)', () => {
    it('ends a 21:00–08:00 night at 08:00 EDT, an hour earlier in UTC than the night before', () => {
      // 22:00 EST on Saturday 7 March.
      expect(send('2026-03-08T03:00:00.000Z')).toBe('2026-03-08T12:00:00.000Z');
      expect(wallTime(new Date('2026-03-08T12:00:00.000Z'), NEW_YORK)).toBe('08:00');
    });

    it('ends quiet hours that stop at a 02:30 that never happens at 03:00 EDT, when clocks jump', () => {
      expect(send('2026-03-08T04:00:00.000Z', quiet('21:00', '02:30'))).toBe('2026-03-08T07:00:00.000Z');
      expect(wallTime(new Date('2026-03-08T07:00:00.000Z'), NEW_YORK)).toBe('03:00');
    });

    it('moves a time in the skipped hour when quiet hours start inside it', () => {
      // 01:59 EST is allowed; one minute later it is 03:00 EDT, inside 02:30–09:00.
      const window = quiet('02:30', '09:00');
      expect(send('2026-03-08T06:59:00.000Z', window)).toBe('2026-03-08T06:59:00.000Z');
      expect(send('2026-03-08T07:00:00.000Z', window)).toBe('2026-03-08T13:00:00.000Z');
    });
  });

  describe('New York fall-back (1 November 2026, 02:00 EDT → 01:00 EST)', () => {
    it('ends a 21:00–08:00 night at 08:00 EST, an hour later in UTC than the night before', () => {
      // 22:00 EDT on Saturday 31 October.
      expect(send('2026-11-01T02:00:00.000Z')).toBe('2026-11-01T13:00:00.000Z');
    });

    it('ends quiet hours that stop at 01:30 at its first occurrence (EDT)', () => {
      expect(send('2026-11-01T03:00:00.000Z', quiet('21:00', '01:30'))).toBe('2026-11-01T05:30:00.000Z');
    });

    it('uses the second 01:30 (EST) for a time in the repeated hour before it', () => {
      // 06:10Z is 01:10 EST, after the first 01:30 (05:30Z) has passed.
      expect(send('2026-11-01T06:10:00.000Z', quiet('21:00', '01:30'))).toBe('2026-11-01T06:30:00.000Z');
    });
  });

  it('answers differently for Dubai and New York at the same instant', () => {
    // 18:30Z: 22:30 in Dubai (no DST, UTC+4), 13:30 in New York.
    expect(send('2026-03-02T18:30:00.000Z', NIGHT, 'Asia/Dubai')).toBe('2026-03-03T04:00:00.000Z');
    expect(send('2026-03-02T18:30:00.000Z', NIGHT, NEW_YORK)).toBe('2026-03-02T18:30:00.000Z');
  });

  it('reads zones with half-hour and quarter-hour offsets', () => {
    // Kathmandu is UTC+5:45: 15:15Z is 21:00 there.
    expect(send('2026-03-02T15:15:00.000Z', NIGHT, 'Asia/Kathmandu')).toBe('2026-03-03T02:15:00.000Z');
  });
});

describe('nextAllowedSendTime over any zone, window and instant', () => {
  const zones = Intl.supportedValuesOf('timeZone');
  const clockTime = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const instant = fc
    .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) })
    .map((ms) => new Date(ms));

  it('never lands in quiet hours, never earlier than asked, unchanged when allowed, and as early as allowed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        clockTime,
        clockTime,
        instant,
        (timeZone, start, end, desired) => {
          const quietHours = { start, end };
          const result = nextAllowedSendTime(desired, { quietHours, timeZone });

          expect(result.getTime()).toBeGreaterThanOrEqual(desired.getTime());
          expect(quietByWallClock(result, timeZone, quietHours)).toBe(false);
          if (!quietByWallClock(desired, timeZone, quietHours)) {
            expect(result.getTime()).toBe(desired.getTime());
          } else {
            // The second before it is still quiet: nothing earlier was allowed.
            expect(quietByWallClock(new Date(result.getTime() - 1000), timeZone, quietHours)).toBe(true);
          }
          expect(isInQuietHours(result, { quietHours, timeZone })).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds the end of quiet hours on every daylight-saving night of a year', () => {
    const dstZones = [
      'America/New_York',
      'Europe/London',
      'Australia/Sydney',
      'America/Santiago',
      'Asia/Beirut',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...dstZones),
        clockTime,
        clockTime,
        fc.integer({ min: 0, max: 365 * 24 * 60 }),
        (timeZone, start, end, minutes) => {
          const desired = new Date(Date.UTC(2026, 0, 1) + minutes * 60_000);
          const result = nextAllowedSendTime(desired, { quietHours: { start, end }, timeZone });
          expect(result.getTime()).toBeGreaterThanOrEqual(desired.getTime());
          expect(quietByWallClock(result, timeZone, { start, end })).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });
});
