import { describe, expect, it } from 'vitest';
import { reportFrom } from '../../../../lambdas/domain/analytics/report-from';
import { leadSources, leadStatuses } from '../../../../schemas/api/leads';

/** A response-time histogram as day counters: counts per bucket, first bucket first. */
const responses = (counts: number[]) =>
  Object.fromEntries(
    ['le5m', 'le15m', 'le60m', 'le240m', 'le1440m', 'over1440m'].map((bucket, i) => [
      `resp_${bucket}`,
      counts[i] ?? 0,
    ]),
  );

describe('reportFrom', () => {
  it('reports every status, source, temperature, bucket and band at zero, with no rate, when nothing was counted', () => {
    const report = reportFrom({});

    expect(report.leadsCreated).toBe(0);
    expect(report.funnel).toEqual(leadStatuses.map((status) => ({ status, entered: 0 })));
    expect(report.conversionBySource).toEqual(
      leadSources.map((source) => ({ source, leads: 0, converted: 0, rate: null })),
    );
    expect(report.conversionByTemperature).toEqual(
      ['hot', 'warm', 'cold'].map((temperature) => ({ temperature, leads: 0, converted: 0, rate: null })),
    );
    expect(report.replyRates).toEqual([]);
    expect(report.firstResponse).toEqual({
      responded: 0,
      medianMinutesAtMost: null,
      withinHourShare: null,
      histogram: [5, 15, 60, 240, 1440, null].map((upToMinutes) => ({ upToMinutes, count: 0 })),
    });
    expect(report.followUps).toEqual({ sent: 0, replied: 0, replyRate: null });
    expect(report.whatsApp).toEqual({ sent: 0, delivered: 0, failed: 0, deliveryRate: null });
    expect(report.calibration).toEqual(
      ['1-20', '21-40', '41-60', '61-80', '81-100'].map((band) => ({
        band,
        closed: 0,
        predicted: null,
        observed: null,
      })),
    );
  });

  it('reports the funnel, leads created and conversion by source and by temperature', () => {
    const report = reportFrom({
      leads: 12,
      status_new: 12,
      status_contacted: 7,
      status_converted: 2,
      src_website: 8,
      srcConv_website: 2,
      src_referral: 4,
      temp_hot: 3,
      tempConv_hot: 2,
      temp_cold: 9,
    });

    expect(report.leadsCreated).toBe(12);
    expect(report.funnel.filter((step) => step.entered > 0)).toEqual([
      { status: 'new', entered: 12 },
      { status: 'contacted', entered: 7 },
      { status: 'converted', entered: 2 },
    ]);
    expect(report.conversionBySource.find((s) => s.source === 'website')).toEqual({
      source: 'website',
      leads: 8,
      converted: 2,
      rate: 0.25,
    });
    expect(report.conversionBySource.find((s) => s.source === 'referral')).toEqual({
      source: 'referral',
      leads: 4,
      converted: 0,
      rate: 0,
    });
    expect(report.conversionByTemperature).toEqual([
      { temperature: 'hot', leads: 3, converted: 2, rate: 2 / 3 },
      { temperature: 'warm', leads: 0, converted: 0, rate: null },
      { temperature: 'cold', leads: 9, converted: 0, rate: 0 },
    ]);
  });

  it('reports reply rates only for channels and lead types with a message or a reply', () => {
    const report = reportFrom({
      msg_whatsapp_website: 10,
      rep_whatsapp_website: 4,
      msg_email_portal: 5,
      rep_call_referral: 1,
    });
    expect(report.replyRates).toEqual([
      { channel: 'whatsapp', leadType: 'website', messaged: 10, replied: 4, rate: 0.4 },
      { channel: 'email', leadType: 'portal', messaged: 5, replied: 0, rate: 0 },
      { channel: 'call', leadType: 'referral', messaged: 0, replied: 1, rate: null },
    ]);
  });

  it('reports the first-response histogram, the share within an hour and the median’s bucket', () => {
    const { firstResponse } = reportFrom(responses([2, 1, 1, 3, 1, 2]));
    expect(firstResponse.responded).toBe(10);
    // 5, 15 and 60 minutes are within the hour; 240 is not.
    expect(firstResponse.withinHourShare).toBe(0.4);
    // Half of 10 is reached in the 240-minute bucket (2+1+1+3 = 7 ≥ 5, 2+1+1 = 4 < 5).
    expect(firstResponse.medianMinutesAtMost).toBe(240);
    expect(firstResponse.histogram).toEqual([
      { upToMinutes: 5, count: 2 },
      { upToMinutes: 15, count: 1 },
      { upToMinutes: 60, count: 1 },
      { upToMinutes: 240, count: 3 },
      { upToMinutes: 1440, count: 1 },
      { upToMinutes: null, count: 2 },
    ]);
  });

  it('takes the lower bucket for a median that falls exactly on half, and none when it is in the open bucket', () => {
    expect(reportFrom(responses([1, 1])).firstResponse.medianMinutesAtMost).toBe(5);
    expect(reportFrom(responses([1, 0, 2])).firstResponse.medianMinutesAtMost).toBe(60);
    expect(reportFrom(responses([0, 0, 0, 0, 1])).firstResponse.medianMinutesAtMost).toBe(1440);
    expect(reportFrom(responses([0, 0, 0, 0, 1, 2])).firstResponse.medianMinutesAtMost).toBeNull();
    expect(reportFrom(responses([0, 0, 0, 1, 0, 0])).firstResponse.withinHourShare).toBe(0);
  });

  it('reports follow-ups and WhatsApp delivery with their rates', () => {
    const report = reportFrom({ fuSent: 8, fuReplied: 2, waSent: 20, waDelivered: 15, waFailed: 3 });
    expect(report.followUps).toEqual({ sent: 8, replied: 2, replyRate: 0.25 });
    expect(report.whatsApp).toEqual({ sent: 20, delivered: 15, failed: 3, deliveryRate: 0.75 });
  });

  it('compares each band’s mean predicted score with the share that converted', () => {
    const report = reportFrom({
      band61to80_closed: 4,
      band61to80_scoreSum: 280,
      band61to80_converted: 3,
      band1to20_closed: 2,
      band1to20_scoreSum: 20,
    });
    expect(report.calibration).toEqual([
      { band: '1-20', closed: 2, predicted: 0.1, observed: 0 },
      { band: '21-40', closed: 0, predicted: null, observed: null },
      { band: '41-60', closed: 0, predicted: null, observed: null },
      { band: '61-80', closed: 4, predicted: 0.7, observed: 0.75 },
      { band: '81-100', closed: 0, predicted: null, observed: null },
    ]);
  });
});
