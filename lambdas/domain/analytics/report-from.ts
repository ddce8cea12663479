import type { Analytics } from '../../../schemas/api/analytics';
import { leadSources, leadStatuses, temperatures } from '../../../schemas/api/leads';
import {
  type Counts,
  counterName,
  replyChannels,
  responseBuckets,
  responseBucketsMinutes,
  scoreBands,
} from './counter-names';

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The median's bucket in a histogram, by its upper bound (null: the open last bucket, or no data). */
const medianBound = (counts: number[]): number | null => {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const [index, count] of counts.entries()) {
    seen += count;
    if (seen * 2 >= total) return responseBucketsMinutes[index] ?? null;
  }
  return null;
};

/** The analytics report read from summed day counters. */
export const reportFrom = (counts: Counts): Omit<Analytics, 'scope' | 'timeZone' | 'from' | 'to'> => {
  const n = (name: string) => counts[name] ?? 0;
  const histogram = responseBuckets.map((bucket) => n(counterName.firstResponse(bucket)));
  const responded = histogram.reduce((a, b) => a + b, 0);
  const withinHour = histogram.slice(0, responseBucketsMinutes.indexOf(60) + 1).reduce((a, b) => a + b, 0);
  return {
    funnel: leadStatuses.map((status) => ({ status, entered: n(counterName.statusEntered(status)) })),
    leadsCreated: n(counterName.leadsCreated),
    conversionBySource: leadSources.map((source) => {
      const leads = n(counterName.createdBySource(source));
      const converted = n(counterName.convertedBySource(source));
      return { source, leads, converted, rate: rate(converted, leads) };
    }),
    conversionByTemperature: temperatures.map((temperature) => {
      const leads = n(counterName.createdByTemperature(temperature));
      const converted = n(counterName.convertedByTemperature(temperature));
      return { temperature, leads, converted, rate: rate(converted, leads) };
    }),
    replyRates: replyChannels.flatMap((channel) =>
      leadSources.flatMap((leadType) => {
        const messaged = n(counterName.messaged(channel, leadType));
        const replied = n(counterName.replied(channel, leadType));
        return messaged === 0 && replied === 0
          ? []
          : [{ channel, leadType, messaged, replied, rate: rate(replied, messaged) }];
      }),
    ),
    firstResponse: {
      responded,
      medianMinutesAtMost: medianBound(histogram),
      withinHourShare: rate(withinHour, responded),
      histogram: histogram.map((count, index) => ({
        upToMinutes: responseBucketsMinutes[index] ?? null,
        count,
      })),
    },
    followUps: {
      sent: n(counterName.followUpsSent),
      replied: n(counterName.followUpsReplied),
      replyRate: rate(n(counterName.followUpsReplied), n(counterName.followUpsSent)),
    },
    whatsApp: {
      sent: n(counterName.whatsAppSent),
      delivered: n(counterName.whatsAppDelivered),
      failed: n(counterName.whatsAppFailed),
      deliveryRate: rate(n(counterName.whatsAppDelivered), n(counterName.whatsAppSent)),
    },
    calibration: scoreBands.map((band) => {
      const closed = n(counterName.closedInBand(band));
      return {
        band,
        closed,
        predicted: closed > 0 ? n(counterName.scoreSumInBand(band)) / closed / 100 : null,
        observed: rate(n(counterName.convertedInBand(band)), closed),
      };
    }),
  };
};
