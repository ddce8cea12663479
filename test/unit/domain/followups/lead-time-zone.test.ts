import { describe, expect, it } from 'vitest';
import {
  leadTimeZone,
  REPRESENTATIVE_ZONES,
  zonesOfCountry,
} from '../../../../lambdas/domain/followups/lead-time-zone';

const NEW_YORK_AGENT = { timezone: 'America/New_York' };
const DUBAI_AGENT = { timezone: 'Asia/Dubai' };

describe('leadTimeZone', () => {
  it("uses the lead's own zone when it is known", () => {
    expect(leadTimeZone({ timezone: 'Europe/London', phone: '+971501234567' }, NEW_YORK_AGENT)).toEqual({
      timeZone: 'Europe/London',
      source: 'lead',
    });
  });

  it('ignores an own zone that is not an IANA zone and reads the phone instead', () => {
    expect(leadTimeZone({ timezone: 'Mars/Olympus', phone: '+971501234567' }, NEW_YORK_AGENT).timeZone).toBe(
      'Asia/Dubai',
    );
  });

  it("takes a single-zone country's zone from the phone number", () => {
    expect(leadTimeZone({ phone: '+971501234567' }, NEW_YORK_AGENT)).toEqual({
      timeZone: 'Asia/Dubai',
      source: 'phone',
    });
    expect(leadTimeZone({ phone: '+966501234567' }, NEW_YORK_AGENT).timeZone).toBe('Asia/Riyadh');
  });

  it("uses the agent's zone for a country with several when the agent is in that country", () => {
    expect(leadTimeZone({ phone: '+1 212 555 0142' }, { timezone: 'America/Chicago' })).toEqual({
      timeZone: 'America/Chicago',
      source: 'phone',
    });
  });

  it("uses the country's representative zone when the agent is elsewhere", () => {
    expect(leadTimeZone({ phone: '+1 212 555 0142' }, DUBAI_AGENT).timeZone).toBe('America/New_York');
    expect(leadTimeZone({ phone: '+61255550101' }, DUBAI_AGENT).timeZone).toBe('Australia/Sydney');
    expect(leadTimeZone({ phone: '+79161234567' }, DUBAI_AGENT).timeZone).toBe('Europe/Moscow');
  });

  it("falls back to the agent's zone without a readable phone", () => {
    expect(leadTimeZone({}, DUBAI_AGENT)).toEqual({ timeZone: 'Asia/Dubai', source: 'agent' });
    expect(leadTimeZone({ phone: '+1 555 555 0101' }, DUBAI_AGENT)).toEqual({
      timeZone: 'Asia/Dubai',
      source: 'agent',
    });
  });

  it('names a real zone of the country for every representative', () => {
    for (const [country, zone] of Object.entries(REPRESENTATIVE_ZONES)) {
      const canonical = (z: string) =>
        new Intl.DateTimeFormat('en-US', { timeZone: z }).resolvedOptions().timeZone;
      expect(zonesOfCountry(country).map(canonical), country).toContain(canonical(zone));
    }
  });
});
