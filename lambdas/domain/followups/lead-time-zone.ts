import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * The zone used for a country spanning several when the agent is not in it: where most of its
 * people live (or its capital). Countries missing here fall back to the agent's zone.
 */
export const REPRESENTATIVE_ZONES: Readonly<Record<string, string>> = {
  AR: 'America/Argentina/Buenos_Aires',
  AU: 'Australia/Sydney',
  BR: 'America/Sao_Paulo',
  CA: 'America/Toronto',
  CD: 'Africa/Kinshasa',
  CL: 'America/Santiago',
  CN: 'Asia/Shanghai',
  CY: 'Asia/Nicosia',
  DE: 'Europe/Berlin',
  EC: 'America/Guayaquil',
  ES: 'Europe/Madrid',
  FM: 'Pacific/Pohnpei',
  GL: 'America/Nuuk',
  ID: 'Asia/Jakarta',
  KI: 'Pacific/Tarawa',
  KZ: 'Asia/Almaty',
  MH: 'Pacific/Majuro',
  MN: 'Asia/Ulaanbaatar',
  MX: 'America/Mexico_City',
  MY: 'Asia/Kuala_Lumpur',
  NZ: 'Pacific/Auckland',
  PF: 'Pacific/Tahiti',
  PG: 'Pacific/Port_Moresby',
  PS: 'Asia/Hebron',
  PT: 'Europe/Lisbon',
  RU: 'Europe/Moscow',
  UA: 'Europe/Kyiv',
  US: 'America/New_York',
  UZ: 'Asia/Tashkent',
};

export type ZoneSource = 'lead' | 'phone' | 'agent';

export interface LeadTimeZone {
  timeZone: string;
  /** Where it came from, so the app can say "their time (from +971)". */
  source: ZoneSource;
}

const isKnownZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** Canonical name, so `Asia/Calcutta` and `Asia/Kolkata` compare equal. */
const canonical = (zone: string): string =>
  new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;

type LocaleWithZones = Intl.Locale & { timeZones?: string[]; getTimeZones?: () => string[] };

/** The IANA zones of a country, from the runtime's own data (Node 20: `timeZones`, later `getTimeZones()`). */
export const zonesOfCountry = (country: string): string[] => {
  const locale = new Intl.Locale(`und-${country}`) as LocaleWithZones;
  return locale.getTimeZones?.() ?? locale.timeZones ?? [];
};

const zoneFromPhone = (phone: string, agentZone: string): string | undefined => {
  const country = parsePhoneNumberFromString(phone)?.country;
  if (!country) return undefined;
  const zones = zonesOfCountry(country).filter(isKnownZone);
  if (zones.length === 1) return zones[0];
  if (zones.length === 0) return undefined;
  const agent = canonical(agentZone);
  if (zones.some((zone) => canonical(zone) === agent)) return agentZone;
  return REPRESENTATIVE_ZONES[country];
};

/**
 * The zone a lead lives in, for quiet hours: the lead's own when known, else the one of their
 * phone number's country (for a country with several: the agent's zone when the agent is in that
 * country, else the country's representative zone), else the agent's.
 */
export const leadTimeZone = (
  lead: { timezone?: string; phone?: string },
  agent: { timezone: string },
): LeadTimeZone => {
  if (lead.timezone && isKnownZone(lead.timezone)) return { timeZone: lead.timezone, source: 'lead' };
  const fromPhone = lead.phone ? zoneFromPhone(lead.phone, agent.timezone) : undefined;
  if (fromPhone) return { timeZone: fromPhone, source: 'phone' };
  return { timeZone: agent.timezone, source: 'agent' };
};
