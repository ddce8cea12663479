import { describe, expect, it } from 'vitest';
import { firstInstantAtLocal, minutesOfClockTime } from '../../../../lambdas/domain/followups/wall-clock';

const NEW_YORK = 'America/New_York';
/** A wall time read as if it were UTC: how the zone's local clock is represented. */
const wall = (iso: string) => Date.parse(`${iso}Z`);
const at = (iso: string) => Date.parse(iso);

describe('firstInstantAtLocal', () => {
  it('gives the instant the wall clock shows the time', () => {
    const instant = firstInstantAtLocal(NEW_YORK, wall('2026-03-02T09:00:00'), at('2026-03-02T00:00:00Z'));

    expect(new Date(instant).toISOString()).toBe('2026-03-02T14:00:00.000Z');
  });

  it('gives the not-before instant itself when the wall time has already passed by then', () => {
    const notBefore = at('2026-03-02T15:00:00.000Z');

    expect(firstInstantAtLocal(NEW_YORK, wall('2026-03-02T09:00:00'), notBefore)).toBe(notBefore);
  });

  it('gives the moment the clocks jump past a wall time that never happens', () => {
    // 8 March 2026: New York springs forward from 02:00 to 03:00.
    const instant = firstInstantAtLocal(NEW_YORK, wall('2026-03-08T02:30:00'), at('2026-03-08T00:00:00Z'));

    expect(new Date(instant).toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });

  it('gives the later occurrence of a repeated wall time when the first is before not-before', () => {
    // 1 November 2026: New York falls back from 02:00 to 01:00, so 01:30 happens twice.
    const target = wall('2026-11-01T01:30:00');

    expect(new Date(firstInstantAtLocal(NEW_YORK, target, at('2026-11-01T00:00:00Z'))).toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    expect(new Date(firstInstantAtLocal(NEW_YORK, target, at('2026-11-01T05:45:00Z'))).toISOString()).toBe(
      '2026-11-01T06:30:00.000Z',
    );
  });
});

describe('minutesOfClockTime', () => {
  it('reads "HH:mm" as minutes after midnight', () => {
    expect(minutesOfClockTime('00:00')).toBe(0);
    expect(minutesOfClockTime('08:30')).toBe(510);
    expect(minutesOfClockTime('21:05')).toBe(1265);
  });

  it('refuses anything around or inside the two pairs of digits', () => {
    for (const bad of ['112:30', '12:305', '8:30', '12-30', ' 12:30', '12:30 '])
      expect(() => minutesOfClockTime(bad)).toThrow(RangeError);
  });
});
