import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueWithinWorkingHours } from '../../../../lambdas/domain/followups/due-within-working-hours';

const WEEKDAYS = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };
const due = (iso: string, workingHours = WEEKDAYS, timeZone = 'America/New_York') =>
  dueWithinWorkingHours(new Date(iso), { workingHours, timeZone }).toISOString();

const wall = (at: Date, timeZone: string) => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1,
    time: `${get('hour')}:${get('minute')}`,
  };
};

describe('dueWithinWorkingHours', () => {
  it('keeps a time inside working hours', () => {
    // Wednesday 4 March 2026, 10:30 EST.
    expect(due('2026-03-04T15:30:00.000Z')).toBe('2026-03-04T15:30:00.000Z');
  });

  it('moves an evening call to 09:00 the next working morning', () => {
    // Wednesday 19:00 EST → Thursday 09:00 EST.
    expect(due('2026-03-05T00:00:00.000Z')).toBe('2026-03-05T14:00:00.000Z');
  });

  it('moves a Friday-evening call past the weekend to Monday 09:00', () => {
    // Friday 6 March 19:00 EST → Monday 9 March 09:00 EDT (clocks sprang forward on Sunday).
    expect(due('2026-03-07T00:00:00.000Z')).toBe('2026-03-09T13:00:00.000Z');
  });

  it('moves an early-morning call to 09:00 the same day', () => {
    expect(due('2026-03-04T12:00:00.000Z')).toBe('2026-03-04T14:00:00.000Z');
  });

  it('reads working hours in the given zone (Dubai works Monday to Friday 09:00–18:00 local)', () => {
    // Wednesday 4 March 15:30Z is 19:30 in Dubai → Thursday 09:00 Dubai = 05:00Z.
    expect(due('2026-03-04T15:30:00.000Z', WEEKDAYS, 'Asia/Dubai')).toBe('2026-03-05T05:00:00.000Z');
  });

  it('counts the hours after midnight of a window that wraps as the day it started on', () => {
    const nights = { days: [1], start: '22:00', end: '06:00' };
    // Tuesday 3 March 03:00 EST belongs to Monday's night shift.
    expect(due('2026-03-03T08:00:00.000Z', nights)).toBe('2026-03-03T08:00:00.000Z');
    // Tuesday 07:00 EST: next Monday 22:00 EDT.
    expect(due('2026-03-03T12:00:00.000Z', nights)).toBe('2026-03-10T02:00:00.000Z');
  });

  it('always falls on a working day inside working hours, never earlier than asked', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'America/New_York',
          'Asia/Dubai',
          'Europe/London',
          'Australia/Sydney',
          'Asia/Kolkata',
        ),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 0, max: 365 * 24 * 60 }),
        (timeZone, days, minutes) => {
          const desired = new Date(Date.UTC(2026, 0, 1) + minutes * 60_000);
          const result = dueWithinWorkingHours(desired, { workingHours: { ...WEEKDAYS, days }, timeZone });
          const local = wall(result, timeZone);
          expect(result.getTime()).toBeGreaterThanOrEqual(desired.getTime());
          expect(days).toContain(local.weekday);
          expect(local.time >= '09:00' && local.time < '18:00').toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
