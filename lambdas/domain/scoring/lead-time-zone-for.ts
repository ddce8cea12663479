import { leadTimeZone } from '../followups/lead-time-zone';

const MAX_CACHED = 4096;
// Parsing a phone number costs more than the rest of scoring; the country (and so the zone) is
// settled by the first digits, so one answer serves every number that starts the same way.
const byPrefix = new Map<string, string>();

/**
 * The zone whose clock a lead's "time of inquiry" is read on: the lead's own, else their phone
 * number's country, else the agent's (the same rule as quiet hours).
 */
export const leadTimeZoneFor = (
  lead: { timezone?: string; phone?: string },
  agentTimeZone: string,
): string => {
  if (lead.timezone || !lead.phone) return leadTimeZone(lead, { timezone: agentTimeZone }).timeZone;
  const key = `${lead.phone.slice(0, 8)}|${agentTimeZone}`;
  let zone = byPrefix.get(key);
  if (zone === undefined) {
    zone = leadTimeZone({ phone: lead.phone }, { timezone: agentTimeZone }).timeZone;
    if (byPrefix.size >= MAX_CACHED) byPrefix.clear();
    byPrefix.set(key, zone);
  }
  return zone;
};
