import { beforeEach, describe, expect, it } from 'vitest';
import {
  ChannelUnavailableError,
  MessagingRejectedError,
} from '../../../../lambdas/domain/messaging/messaging-errors';
import { retryParkedLeadgens } from '../../../../lambdas/domain/messaging/retry-parked-leadgens';
import { PageAccessTokenMissingError } from '../../../../lambdas/domain/messaging/send-refusals';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { ParkedLead } from '../../../../lambdas/ports/parked-leadgens';
import type { LeadgenLead } from '../../../../schemas/events/facebook';
import { createMockLead, createMockProfile } from '../../../helpers/factories';
import { fixture } from '../../../helpers/webhooks';
import { BROKERAGE_ID, createInMemoryMessagingDeps, type InMemoryMessagingDeps } from './in-memory-messaging';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const PAGE_ID = '100000000000301';

/** What Meta answers for each form id: the form, or the error its Graph API client throws. */
let answers: Map<string, LeadgenLead | Error>;
let reads: string[];
let deps: InMemoryMessagingDeps;

const formFor = (leadgenId: string, name: string, phone: string): LeadgenLead => ({
  ...fixture<LeadgenLead>('facebook', 'leadgen-lead'),
  id: leadgenId,
  field_data: [
    { name: 'full_name', values: [name] },
    { name: 'phone_number', values: [phone] },
  ],
});

const park = async (leadgenId: string, minute: number, overrides: Partial<ParkedLead> = {}) => {
  const parkedAt = new Date(Date.parse('2026-11-25T10:00:00.000Z') + minute * 60_000).toISOString();
  await deps.parked.park(BROKERAGE_ID, {
    leadgenId,
    pageId: PAGE_ID,
    formId: '1234567890123',
    adId: '120226305854810999',
    adgroupId: '120226305854810888',
    createdTime: '2026-11-25T09:30:00.000Z',
    code: 190,
    reason: 'Error validating access token',
    attempts: 1,
    parkedAt,
    lastAttemptAt: parkedAt,
    ...overrides,
  });
};

beforeEach(async () => {
  answers = new Map();
  reads = [];
  deps = createInMemoryMessagingDeps(fixedClock(NOW), {
    leadAds: {
      async fetchLeadgenLead(leadgenId) {
        reads.push(leadgenId);
        const answer = answers.get(leadgenId);
        if (answer instanceof Error) throw answer;
        if (!answer) throw new MessagingRejectedError(100, 'Unsupported get request');
        return answer;
      },
    },
  });
  await deps.agents.createIfAbsent(createMockProfile({ agentId: 'agent-a' }));
});

const parkedIds = async () => (await deps.parked.list(BROKERAGE_ID)).map((parked) => parked.leadgenId);

describe('retryParkedLeadgens: a round', () => {
  it('goes on past a form Meta will not serve, keeping it with its code, and records the next', async () => {
    await park('4444444444444461', 0);
    await park('4444444444444462', 1);
    answers.set('4444444444444462', formFor('4444444444444462', 'Rosa Lindqvist', '+12125550151'));

    const report = await retryParkedLeadgens(deps);

    expect(report).toEqual({
      tried: 2,
      recorded: 1,
      stillParked: 1,
      outcomes: [
        { leadgenId: '4444444444444461', result: 'still_parked', code: 100 },
        { leadgenId: '4444444444444462', result: 'recorded', leadId: expect.any(String) },
      ],
    });
    expect(await parkedIds()).toEqual(['4444444444444461']);
    expect((await deps.parked.list(BROKERAGE_ID))[0]).toMatchObject({
      code: 100,
      reason: 'Unsupported get request',
      attempts: 2,
      lastAttemptAt: NOW.toISOString(),
    });
  });

  it('dates the lead from when the form was filled in, not from the retry', async () => {
    await park('4444444444444463', 0);
    const form = formFor('4444444444444463', 'Tomas Berg', '+12125550152');
    form.field_data.push({ name: 'when_are_you_looking_to_move?', values: ['Within 3 months'] });
    answers.set('4444444444444463', form);

    const [outcome] = (await retryParkedLeadgens(deps)).outcomes;

    const lead = await deps.leads.get(outcome?.leadId as string);
    expect(lead?.lastInteractionAt).toBe('2026-11-25T09:30:00.000Z');
  });

  it('adds a parked form to the lead already holding its number, with the ad it came from', async () => {
    const lead = createMockLead({ brokerageId: BROKERAGE_ID, agentId: 'agent-a', phone: '+12125550153' });
    await deps.leads.create(lead, []);
    await park('4444444444444464', 0);
    answers.set('4444444444444464', formFor('4444444444444464', 'Yuki Sato', '+12125550153'));

    const report = await retryParkedLeadgens(deps);

    expect(report.outcomes).toEqual([
      { leadgenId: '4444444444444464', result: 'recorded', leadId: lead.leadId },
    ]);
    const entries = (await deps.interactions.listTimeline(lead.leadId, { limit: 10 })).items;
    expect(entries[0]).toMatchObject({
      externalId: '4444444444444464',
      occurredAt: '2026-11-25T09:30:00.000Z',
      metadata: { channel: 'facebook_lead_ad', formId: '1234567890123', adId: '120226305854810999' },
    });
  });

  it('stops the round while Meta is unavailable, leaving that form and the rest untried', async () => {
    await park('4444444444444465', 0);
    await park('4444444444444466', 1);
    answers.set('4444444444444465', new ChannelUnavailableError(30));

    const report = await retryParkedLeadgens(deps);

    expect(report).toEqual({
      tried: 0,
      recorded: 0,
      stillParked: 2,
      outcomes: [
        { leadgenId: '4444444444444465', result: 'not_tried' },
        { leadgenId: '4444444444444466', result: 'not_tried' },
      ],
    });
    expect(reads).toEqual(['4444444444444465']);
    expect((await deps.parked.list(BROKERAGE_ID)).map((parked) => parked.attempts)).toEqual([1, 1]);
  });

  it('fails the round on an error it does not know, changing nothing', async () => {
    await park('4444444444444467', 0);
    answers.set('4444444444444467', new Error('socket hang up'));

    await expect(retryParkedLeadgens(deps)).rejects.toThrow('socket hang up');
    expect((await deps.parked.list(BROKERAGE_ID))[0]?.attempts).toBe(1);
  });

  it('keeps a form it read but could not record, saying why', async () => {
    const lead = createMockLead({ brokerageId: BROKERAGE_ID, agentId: 'agent-a', phone: '+12125550154' });
    await deps.leads.create(lead, []);
    await park('4444444444444468', 0);
    answers.set('4444444444444468', formFor('4444444444444468', 'Ines Duarte', '+12125550154'));
    // The lead holding the number is erased while the form is recorded.
    const erasing: InMemoryMessagingDeps = {
      ...deps,
      leads: {
        ...deps.leads,
        findByContact: async (...args: Parameters<typeof deps.leads.findByContact>) => {
          const found = await deps.leads.findByContact(...args);
          if (found.length > 0) await deps.leads.erase(lead);
          return found;
        },
      },
    };

    const report = await retryParkedLeadgens(erasing);

    expect(report).toEqual({
      tried: 1,
      recorded: 0,
      stillParked: 1,
      outcomes: [{ leadgenId: '4444444444444468', result: 'still_parked' }],
    });
    expect((await deps.parked.list(BROKERAGE_ID))[0]).toMatchObject({
      reason: 'not recorded: lead_gone',
      attempts: 2,
    });
    // Meta's earlier refusal no longer applies: the form was read.
    expect((await deps.parked.list(BROKERAGE_ID))[0]?.code).toBeUndefined();
  });

  it('keeps a form parked while no Page token is configured, with no Meta code on it', async () => {
    await park('4444444444444469', 0);
    answers.set('4444444444444469', new PageAccessTokenMissingError());

    const report = await retryParkedLeadgens(deps);

    expect(report.outcomes).toStrictEqual([{ leadgenId: '4444444444444469', result: 'still_parked' }]);
    expect((await deps.parked.list(BROKERAGE_ID))[0]).toMatchObject({
      reason: "No pageAccessToken in the stack's Meta secret",
      attempts: 2,
    });
  });

  it('unparks a form a concurrent delivery recorded while it was read', async () => {
    const lead = createMockLead({ brokerageId: BROKERAGE_ID, agentId: 'agent-a', phone: '+12125550155' });
    await deps.leads.create(lead, []);
    await park('4444444444444470', 0, { adId: undefined });
    answers.set('4444444444444470', formFor('4444444444444470', 'Lena Ortiz', '+12125550155'));
    // The receipt lands between the check and the write.
    const racing = { ...deps, receipts: { ...deps.receipts, has: async () => false } };
    await deps.receipts.claim({ scope: 'fb-leadgen', key: '4444444444444470', ttlSeconds: 3600 });

    const report = await retryParkedLeadgens(racing);

    expect(report.outcomes).toEqual([
      { leadgenId: '4444444444444470', result: 'recorded', leadId: lead.leadId },
    ]);
    expect(await parkedIds()).toEqual([]);
  });

  it('writes no ad on the timeline for a form that came from none', async () => {
    const lead = createMockLead({ brokerageId: BROKERAGE_ID, agentId: 'agent-a', phone: '+12125550156' });
    await deps.leads.create(lead, []);
    await park('4444444444444471', 0, { adId: undefined });
    answers.set('4444444444444471', formFor('4444444444444471', 'Lena Ortiz', '+12125550156'));

    await retryParkedLeadgens(deps);

    const [entry] = (await deps.interactions.listTimeline(lead.leadId, { limit: 10 })).items;
    expect(entry?.metadata).toStrictEqual({ channel: 'facebook_lead_ad', formId: '1234567890123' });
  });
});
