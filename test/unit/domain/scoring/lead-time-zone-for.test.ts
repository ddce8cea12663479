import { describe, expect, it } from 'vitest';
import { leadTimeZoneFor } from '../../../../lambdas/domain/scoring/lead-time-zone-for';

describe('leadTimeZoneFor', () => {
  it("takes the lead's own zone over their number's", () => {
    expect(leadTimeZoneFor({ timezone: 'Europe/London', phone: '+971505550123' }, 'America/New_York')).toBe(
      'Europe/London',
    );
  });

  it("reads the zone of the number's country", () => {
    expect(leadTimeZoneFor({ phone: '+971505550123' }, 'America/New_York')).toBe('Asia/Dubai');
  });

  it("falls back to the agent's zone with no number", () => {
    expect(leadTimeZoneFor({}, 'Asia/Tokyo')).toBe('Asia/Tokyo');
  });

  it("falls back to the agent's zone when the number tells no country", () => {
    expect(leadTimeZoneFor({ phone: '+999123' }, 'Asia/Tokyo')).toBe('Asia/Tokyo');
  });

  it('answers the same number differently for agents in different zones of its country', () => {
    expect(leadTimeZoneFor({ phone: '+13125550142' }, 'America/Chicago')).toBe('America/Chicago');
    expect(leadTimeZoneFor({ phone: '+13125550177' }, 'Asia/Dubai')).toBe('America/New_York');
    expect(leadTimeZoneFor({ phone: '+13125550199' }, 'America/Chicago')).toBe('America/Chicago');
  });

  it('tells numbers apart by their first digits', () => {
    expect(leadTimeZoneFor({ phone: '+442079460123' }, 'Asia/Tokyo')).toBe('Europe/London');
    expect(leadTimeZoneFor({ phone: '+971505550123' }, 'Asia/Tokyo')).toBe('Asia/Dubai');
    expect(leadTimeZoneFor({ phone: '+442079460456' }, 'Asia/Tokyo')).toBe('Europe/London');
  });
});
