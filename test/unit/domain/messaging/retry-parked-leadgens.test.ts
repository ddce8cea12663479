import { beforeEach, describe, expect, it } from 'vitest';
import { MessagingRejectedError } from '../../../../lambdas/domain/messaging/messaging-errors';
import { receiveFacebook } from '../../../../lambdas/domain/messaging/receive-facebook';
import { retryParkedLeadgens } from '../../../../lambdas/domain/messaging/retry-parked-leadgens';
import { fixedClock } from '../../../../lambdas/ports/clock';
import {
  type FacebookWebhookInput,
  facebookWebhookSchema,
  type LeadgenLead,
  parseFacebookEvents,
} from '../../../../schemas/events/facebook';
import { createMockProfile } from '../../../helpers/factories';
import { fixture } from '../../../helpers/webhooks';
import { BROKERAGE_ID, createInMemoryMessagingDeps, type InMemoryMessagingDeps } from './in-memory-messaging';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const PAGE_ID = '100000000000301';
const clock = fixedClock(NOW);

let deps: InMemoryMessagingDeps;
let tokenExpired: boolean;
let reads: string[];

/** The leadgen fixture for another form id, with answers the fake Graph API serves once the token works. */
const leadForm = (leadgenId: string, name: string, phone: string) => {
  const form = fixture<LeadgenLead>('facebook', 'leadgen-lead');
  form.id = leadgenId;
  form.field_data = [
    { name: 'full_name', values: [name] },
    { name: 'phone_number', values: [phone] },
    { name: 'when_are_you_looking_to_move?', values: ['Within 3 months'] },
  ];
  forms.set(leadgenId, form);
  const body = fixture<FacebookWebhookInput>('facebook', 'leadgen');
  Object.assign(body.entry[0]!.changes![0]!.value, { leadgen_id: leadgenId });
  return { events: parseFacebookEvents(facebookWebhookSchema.parse(body)), pageId: PAGE_ID };
};
const forms = new Map<string, LeadgenLead>();

const leadsNamed = async (name: string) =>
  (await deps.leads.listForBrokerage({ brokerageId: BROKERAGE_ID, sort: 'newest', limit: 100 })).items.filter(
    (lead) => lead.name === name,
  );

beforeEach(async () => {
  clock.set(NOW);
  forms.clear();
  tokenExpired = true;
  reads = [];
  deps = createInMemoryMessagingDeps(clock, {
    leadAds: {
      async fetchLeadgenLead(leadgenId) {
        reads.push(leadgenId);
        if (tokenExpired) throw new MessagingRejectedError(190, 'Error validating access token');
        const form = forms.get(leadgenId);
        if (!form) throw new MessagingRejectedError(100, 'Unsupported get request');
        return form;
      },
    },
  });
  await deps.agents.createIfAbsent(createMockProfile({ agentId: 'agent-a' }));
});

describe('retryParkedLeadgens', () => {
  it('creates the lead of a parked form once the token works, as a live delivery would, and unparks it', async () => {
    await receiveFacebook(leadForm('4444444444444451', 'Rosa Lindqvist', '+12125550151'), deps);
    tokenExpired = false;
    clock.advance(15 * 60_000);

    const report = await retryParkedLeadgens(deps);
    const again = await retryParkedLeadgens(deps);

    const [lead, ...others] = await leadsNamed('Rosa Lindqvist');
    expect(others).toEqual([]);
    expect(lead).toMatchObject({ phone: '+12125550151', source: 'facebook_lead_ad', agentId: 'agent-a' });
    expect(lead?.initialMessage).toContain('When are you looking to move?: Within 3 months');
    expect(report).toEqual({
      tried: 1,
      recorded: 1,
      stillParked: 0,
      outcomes: [{ leadgenId: '4444444444444451', result: 'recorded', leadId: lead?.leadId }],
    });
    expect(again).toEqual({ tried: 0, recorded: 0, stillParked: 0, outcomes: [] });
    expect(await deps.parked.list(BROKERAGE_ID)).toEqual([]);
    expect(deps.rescores.map((rescore) => rescore.trigger)).toEqual(['created']);
  });

  it('keeps forms parked with the attempt counted while the token is still expired, trying only the first', async () => {
    await receiveFacebook(leadForm('4444444444444452', 'Tomas Berg', '+12125550152'), deps);
    clock.advance(1000);
    await receiveFacebook(leadForm('4444444444444453', 'Yuki Sato', '+12125550153'), deps);
    clock.advance(15 * 60_000);
    reads = [];

    const report = await retryParkedLeadgens(deps);

    expect(reads).toEqual(['4444444444444452']);
    expect(report).toMatchObject({ tried: 1, recorded: 0, stillParked: 2 });
    expect(
      (await deps.parked.list(BROKERAGE_ID)).map(({ leadgenId, attempts, lastAttemptAt }) => ({
        leadgenId,
        attempts,
        lastAttemptAt,
      })),
    ).toEqual([
      { leadgenId: '4444444444444452', attempts: 2, lastAttemptAt: clock.now().toISOString() },
      { leadgenId: '4444444444444453', attempts: 1, lastAttemptAt: '2026-11-25T12:00:01.000Z' },
    ]);
    expect(await leadsNamed('Tomas Berg')).toEqual([]);
    expect(deps.counted).toEqual(['LeadgenParked', 'LeadgenParked']);
  });

  it('unparks a form Meta delivered again once the token worked, without a second lead', async () => {
    const delivery = leadForm('4444444444444454', 'Ines Duarte', '+12125550154');
    await receiveFacebook(delivery, deps);
    tokenExpired = false;
    await receiveFacebook(delivery, deps);
    reads = [];

    const report = await retryParkedLeadgens(deps);

    expect(reads).toEqual([]);
    expect(report.outcomes).toEqual([{ leadgenId: '4444444444444454', result: 'recorded' }]);
    expect(await leadsNamed('Ines Duarte')).toHaveLength(1);
    expect(await deps.parked.list(BROKERAGE_ID)).toEqual([]);
  });
});
