import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSendRules } from '../../../../lambdas/domain/followups/check-send-rules';
import { sequenceStepSchema } from '../../../../schemas/api/sequences';
import { createMockLead } from '../../../helpers/factories';

const zones = Intl.supportedValuesOf('timeZone');
const clockTime = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 59))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

/** The lead's wall-clock minute of the day, read straight from Intl (independent of the code under test). */
const localMinute = (at: Date, timeZone: string): number => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return part('hour') * 60 + part('minute');
};

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
const quiet = (minute: number, start: string, end: string) => {
  const [s, e] = [minutes(start), minutes(end)];
  if (s === e) return false;
  return s < e ? minute >= s && minute < e : minute >= s || minute < e;
};

const step = sequenceStepSchema.parse({
  channel: 'whatsapp',
  delay: { minutes: 0 },
  message: { template: 'Hi {firstName}, still keen on {interest}?' },
});
// Across two years, so every zone's daylight-saving changes are in range, and often right on one.
const anyTime = fc.date({
  min: new Date('2026-01-01T00:00:00Z'),
  max: new Date('2027-12-31T23:59:59Z'),
  noInvalidDate: true,
});
const transitions = [
  '2026-03-08T07:00:00Z', // United States, spring forward
  '2026-03-29T01:00:00Z', // European Union, spring forward
  '2026-04-05T16:00:00Z', // Sydney, fall back
  '2026-10-04T16:00:00Z', // Sydney, spring forward
  '2026-10-25T01:00:00Z', // European Union, fall back
  '2026-11-01T06:00:00Z', // United States, fall back
].map((at) => new Date(at).getTime());
const nearTransition = fc
  .tuple(fc.constantFrom(...transitions), fc.integer({ min: -6 * 3_600, max: 6 * 3_600 }))
  .map(([at, seconds]) => new Date(at + seconds * 1000));
const instants = fc.oneof(anyTime, nearTransition);

describe('the send-time quiet-hours check', () => {
  it('never lets a message out inside quiet hours in the lead zone, whatever the zone, hours and wake', async () => {
    const deps = { consents: { find: async () => [] }, events: { since: async () => [] } };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...zones),
        clockTime,
        clockTime,
        instants,
        async (zone, start, end, now) => {
          const lead = createMockLead({ phone: '+12125550142' });
          const timing = {
            leadTimeZone: zone,
            leadTimeZoneSource: 'lead' as const,
            quietHours: { start, end },
            agentTimeZone: 'UTC',
            workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
          };
          const verdict = await checkSendRules(
            { lead, step, repliesFrom: '2025-12-31T00:00:00.000Z', dueAt: now, timing, now },
            deps,
          );
          if (verdict.kind === 'go') {
            expect(quiet(localMinute(now, zone), start, end)).toBe(false);
          } else {
            expect(verdict).toMatchObject({ kind: 'wait', why: 'quiet_hours' });
            if (verdict.kind !== 'wait') return;
            expect(quiet(localMinute(now, zone), start, end)).toBe(true);
            expect(verdict.until.getTime()).toBeGreaterThan(now.getTime());
            expect(quiet(localMinute(verdict.until, zone), start, end)).toBe(false);
            // The first allowed minute: the minute before it is still quiet (or before the wake).
            const before = new Date(verdict.until.getTime() - 60_000);
            expect(before < now || quiet(localMinute(before, zone), start, end)).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
