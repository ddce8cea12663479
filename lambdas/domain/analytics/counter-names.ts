import { leadSources, leadStatuses, temperatures } from '../../../schemas/api/leads';

/** The channels a lead is messaged and answers on, for reply rates. */
export const replyChannels = ['whatsapp', 'email', 'call'] as const;
export type ReplyChannel = (typeof replyChannels)[number];

/** Upper bounds (minutes) of the time-to-first-response histogram; the last bucket is open. */
export const responseBucketsMinutes = [5, 15, 60, 240, 1_440] as const;
export const responseBuckets = [...responseBucketsMinutes.map((m) => `le${m}m`), 'over1440m'] as const;

/** Score bands for calibration: 1-20, 21-40, 41-60, 61-80, 81-100. */
export const scoreBands = ['1-20', '21-40', '41-60', '61-80', '81-100'] as const;

/** A band's part of a counter name (expression names take no hyphen). */
const bandKey = (band: string) => band.replace('-', 'to');

export const bandOf = (score: number): (typeof scoreBands)[number] =>
  scoreBands[Math.min(4, Math.max(0, Math.ceil(score / 20) - 1))] as (typeof scoreBands)[number];

export const responseBucketOf = (minutes: number): (typeof responseBuckets)[number] => {
  const at = responseBucketsMinutes.findIndex((bound) => minutes <= bound);
  return responseBuckets[at === -1 ? responseBuckets.length - 1 : at] as (typeof responseBuckets)[number];
};

/**
 * Every counter a day keeps, by name: one flat attribute each on the day's counter item, so one ADD
 * updates any set of them and one Query reads a date range. Names are `metric_dimension[_dimension]`
 * (letters, digits and underscores: they go into update expressions as they are).
 */
export const counterName = {
  leadsCreated: 'leads',
  createdBySource: (source: string) => `src_${source}`,
  convertedBySource: (source: string) => `srcConv_${source}`,
  createdByTemperature: (temperature: string) => `temp_${temperature}`,
  convertedByTemperature: (temperature: string) => `tempConv_${temperature}`,
  statusEntered: (status: string) => `status_${status}`,
  messaged: (channel: string, source: string) => `msg_${channel}_${source}`,
  replied: (channel: string, source: string) => `rep_${channel}_${source}`,
  firstResponse: (bucket: string) => `resp_${bucket}`,
  followUpsSent: 'fuSent',
  followUpsReplied: 'fuReplied',
  whatsAppSent: 'waSent',
  whatsAppDelivered: 'waDelivered',
  whatsAppFailed: 'waFailed',
  closedInBand: (band: string) => `band${bandKey(band)}_closed`,
  convertedInBand: (band: string) => `band${bandKey(band)}_converted`,
  scoreSumInBand: (band: string) => `band${bandKey(band)}_scoreSum`,
} as const;

/** The whole, finite set of counter names (the table entity declares one number attribute each). */
export const counterNames: readonly string[] = [
  counterName.leadsCreated,
  ...leadSources.flatMap((s) => [counterName.createdBySource(s), counterName.convertedBySource(s)]),
  ...temperatures.flatMap((t) => [
    counterName.createdByTemperature(t),
    counterName.convertedByTemperature(t),
  ]),
  ...leadStatuses.map(counterName.statusEntered),
  ...replyChannels.flatMap((c) =>
    leadSources.flatMap((s) => [counterName.messaged(c, s), counterName.replied(c, s)]),
  ),
  ...responseBuckets.map(counterName.firstResponse),
  counterName.followUpsSent,
  counterName.followUpsReplied,
  counterName.whatsAppSent,
  counterName.whatsAppDelivered,
  counterName.whatsAppFailed,
  ...scoreBands.flatMap((b) => [
    counterName.closedInBand(b),
    counterName.convertedInBand(b),
    counterName.scoreSumInBand(b),
  ]),
];

export type Counts = Record<string, number>;
