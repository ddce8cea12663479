import { describe, expect, it } from 'vitest';
import { dueWindow, todayIn } from '../../../../lambdas/domain/tasks/due-window';

const today = (timeZone: string, now: string) => {
  const { start, end } = todayIn(timeZone, new Date(now));
  return [start.toISOString(), end.toISOString()];
};

describe("an agent's today", () => {
  it('is the local calendar day, not the UTC one, east of UTC', () => {
    // 01:30 on 3 December in Dubai is still 2 December in UTC.
    expect(today('Asia/Dubai', '2026-12-02T21:30:00.000Z')).toEqual([
      '2026-12-02T20:00:00.000Z',
      '2026-12-03T20:00:00.000Z',
    ]);
  });

  it('is the local calendar day, not the UTC one, west of UTC', () => {
    // 21:00 on 2 December in Los Angeles is already 3 December in UTC.
    expect(today('America/Los_Angeles', '2026-12-03T05:00:00.000Z')).toEqual([
      '2026-12-02T08:00:00.000Z',
      '2026-12-03T08:00:00.000Z',
    ]);
  });

  it('lasts 23 hours on the day the clocks spring forward', () => {
    expect(today('America/Los_Angeles', '2026-03-08T20:00:00.000Z')).toEqual([
      '2026-03-08T08:00:00.000Z',
      '2026-03-09T07:00:00.000Z',
    ]);
  });

  it('lasts 25 hours on the day the clocks fall back, seen from either side of the change', () => {
    const day = ['2026-11-01T07:00:00.000Z', '2026-11-02T08:00:00.000Z'];
    expect(today('America/Los_Angeles', '2026-11-01T08:30:00.000Z')).toEqual(day); // 01:30 PDT
    expect(today('America/Los_Angeles', '2026-11-01T09:30:00.000Z')).toEqual(day); // 01:30 PST
    expect(today('America/Los_Angeles', '2026-11-02T07:59:59.999Z')).toEqual(day); // 23:59 PST
  });

  it('begins when the clocks jump where midnight itself is skipped', () => {
    // Santiago springs forward from 00:00 to 01:00 on 6 September 2026.
    expect(today('America/Santiago', '2026-09-06T15:00:00.000Z')).toEqual([
      '2026-09-06T04:00:00.000Z',
      '2026-09-07T03:00:00.000Z',
    ]);
  });

  it('starts at the instant of local midnight and ends just before the next', () => {
    expect(today('Asia/Kolkata', '2026-12-02T18:30:00.000Z')).toEqual([
      '2026-12-02T18:30:00.000Z',
      '2026-12-03T18:30:00.000Z',
    ]);
    expect(today('Asia/Kolkata', '2026-12-02T18:29:59.999Z')).toEqual([
      '2026-12-01T18:30:00.000Z',
      '2026-12-02T18:30:00.000Z',
    ]);
  });
});

describe('due windows of the task list', () => {
  const now = new Date('2026-12-02T21:30:00.000Z');

  it('reads overdue as due before now, today as the local day and upcoming as after it', () => {
    expect(dueWindow('overdue', 'Asia/Dubai', now)).toEqual({ dueBefore: '2026-12-02T21:30:00.000Z' });
    expect(dueWindow('today', 'Asia/Dubai', now)).toEqual({
      dueFrom: '2026-12-02T20:00:00.000Z',
      dueBefore: '2026-12-03T20:00:00.000Z',
    });
    expect(dueWindow('upcoming', 'Asia/Dubai', now)).toEqual({ dueFrom: '2026-12-03T20:00:00.000Z' });
  });
});
