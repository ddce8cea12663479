import { beforeEach, describe, expect, it } from 'vitest';
import { recordLeadgen } from '../../../../lambdas/domain/messaging/record-leadgen';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { Lead } from '../../../../schemas/api/leads';
import type { FacebookLeadgenEvent, LeadgenLead } from '../../../../schemas/events/facebook';
import { createMockLead, createMockProfile } from '../../../helpers/factories';
import { fixture } from '../../../helpers/webhooks';
import { BROKERAGE_ID, createInMemoryMessagingDeps, type InMemoryMessagingDeps } from './in-memory-messaging';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const PAGE_ID = '100000000000301';

const event = (overrides: Partial<FacebookLeadgenEvent> = {}): FacebookLeadgenEvent => ({
  kind: 'leadgen',
  pageId: PAGE_ID,
  leadgenId: '4444444444444444',
  formId: '1234567890123',
  adId: '120226305854810999',
  createdAt: new Date('2026-11-25T09:30:00.000Z'),
  ...overrides,
});

/** Dana's form as Meta serves it, with some answers replaced (a value of [] drops the field). */
const form = (answers: Record<string, string[]> = {}): LeadgenLead => {
  const served = fixture<LeadgenLead>('facebook', 'leadgen-lead');
  const fields = served.field_data.map((field) => ({
    ...field,
    values: answers[field.name] ?? field.values,
  }));
  return { ...served, field_data: fields.filter((field) => field.values.length > 0) };
};

let deps: InMemoryMessagingDeps;
let enrolled: string[];

beforeEach(async () => {
  deps = createInMemoryMessagingDeps(fixedClock(NOW));
  enrolled = [];
  deps.enrolNewLead = async (leadId) => {
    enrolled.push(leadId);
    return { result: 'enrolled' } as Awaited<ReturnType<NonNullable<InMemoryMessagingDeps['enrolNewLead']>>>;
  };
  await deps.agents.createIfAbsent(createMockProfile({ agentId: 'agent-a' }));
});

const addLead = async (overrides: Partial<Lead>) => {
  const lead = createMockLead({ brokerageId: BROKERAGE_ID, agentId: 'agent-a', ...overrides });
  await deps.leads.create(lead, []);
  return lead;
};
const formEntries = async (leadId: string) =>
  (await deps.interactions.listTimeline(leadId, { limit: 20 })).items.filter(
    (item) => item.metadata?.channel === 'facebook_lead_ad',
  );

describe('recordLeadgen', () => {
  it('creates a lead ad lead from a form nobody holds, scores it and enrols it in its follow-up', async () => {
    const outcome = await recordLeadgen(event(), form(), deps);

    expect(outcome).toEqual({
      kind: 'leadgen',
      result: 'recorded',
      leadId: expect.any(String),
      created: true,
      followUp: 'enrolled',
    });
    const lead = await deps.leads.get(outcome.leadId as string);
    expect(lead).toMatchObject({
      name: 'Dana Lee',
      phone: '+12125550142',
      email: 'dana.lee@example.com',
      source: 'facebook_lead_ad',
      agentId: 'agent-a',
      profile: { location: 'Brooklyn' },
    });
    expect(deps.rescores).toEqual([{ leadId: lead?.leadId, trigger: 'created', options: { fast: true } }]);
    expect(enrolled).toEqual([lead?.leadId]);
    expect(await deps.receipts.has('fb-leadgen', '4444444444444444')).toBe(true);
  });

  it('adds the answers to the lead that has the number, keeping what the lead profile says', async () => {
    const lead = await addLead({
      phone: '+12125550142',
      profile: { location: 'Queens' },
      lastInteractionAt: '2026-11-20T10:00:00.000Z',
    });

    const outcome = await recordLeadgen(event(), form({ job_title: ['Architect'] }), deps);

    expect(outcome).toEqual({ kind: 'leadgen', result: 'recorded', leadId: lead.leadId, created: false });
    expect(await deps.leads.get(lead.leadId)).toMatchObject({
      version: lead.version + 1,
      lastInteractionAt: '2026-11-25T09:30:00.000Z',
      profile: { location: 'Queens' },
    });
    const [entry] = await formEntries(lead.leadId);
    expect(entry).toMatchObject({
      type: 'email',
      direction: 'inbound',
      occurredAt: '2026-11-25T09:30:00.000Z',
      externalId: '4444444444444444',
      metadata: { channel: 'facebook_lead_ad', formId: '1234567890123', adId: '120226305854810999' },
    });
    expect(entry?.text).toContain('When are you looking to move?: Within 3 months');
    expect(deps.rescores).toEqual([{ leadId: lead.leadId, trigger: 'message_in', options: { fast: true } }]);
    expect(enrolled).toEqual([]);
  });

  it('fills profile fields the lead lacks from the form', async () => {
    const lead = await addLead({ phone: '+12125550142' });

    await recordLeadgen(event(), form(), deps);

    expect((await deps.leads.get(lead.leadId))?.profile).toEqual({ location: 'Brooklyn' });
  });

  it('finds the lead by its email when the form gives another number, whatever the case', async () => {
    const lead = await addLead({ email: 'dana.lee@example.com', phone: '+12125550199' });

    const outcome = await recordLeadgen(event(), form(), deps);

    expect(outcome.leadId).toBe(lead.leadId);
    expect((await deps.leads.get(lead.leadId))?.phone).toBe('+12125550199');
  });

  it('gives the answers to the most recently active of the leads holding the contact', async () => {
    await addLead({ agentId: 'agent-a', phone: '+12125550142', createdAt: '2026-10-01T09:00:00.000Z' });
    const fresher = await addLead({
      agentId: 'agent-b',
      email: 'dana.lee@example.com',
      createdAt: '2026-10-01T09:00:00.000Z',
      lastInboundAt: '2026-11-24T09:00:00.000Z',
    });

    expect((await recordLeadgen(event(), form(), deps)).leadId).toBe(fresher.leadId);
  });

  it('writes a form once on a known lead, however often it comes', async () => {
    const lead = await addLead({ phone: '+12125550142' });
    await recordLeadgen(event(), form(), deps);

    const again = await recordLeadgen(event(), form(), deps);

    expect(again).toEqual({ kind: 'leadgen', result: 'duplicate', leadId: lead.leadId });
    expect(await formEntries(lead.leadId)).toHaveLength(1);
  });

  it('says only that a form was sent when it has nothing but contact details, and no ad', async () => {
    const lead = await addLead({ phone: '+12125550142' });
    const bare = form({
      city: [],
      'when_are_you_looking_to_move?': [],
      'what_is_your_budget?': [],
      bedrooms_needed: [],
    });

    await recordLeadgen(event({ adId: undefined }), bare, deps);

    const [entry] = await formEntries(lead.leadId);
    expect(entry?.text).toBe('Sent a Facebook lead form');
    expect(entry?.metadata).toStrictEqual({ channel: 'facebook_lead_ad', formId: '1234567890123' });
  });

  it('never dates a form in the future, nor moves the last contact back', async () => {
    const lead = await addLead({ phone: '+12125550142', lastInteractionAt: '2026-11-25T11:00:00.000Z' });

    await recordLeadgen(event({ createdAt: new Date('2026-11-25T13:00:00.000Z') }), form(), deps);
    await recordLeadgen(
      event({ leadgenId: '4444444444444445', createdAt: new Date('2026-11-01T09:00:00.000Z') }),
      form(),
      deps,
    );

    expect((await formEntries(lead.leadId)).map((entry) => entry.occurredAt).sort()).toEqual([
      '2026-11-01T09:00:00.000Z',
      NOW.toISOString(),
    ]);
    expect((await deps.leads.get(lead.leadId))?.lastInteractionAt).toBe(NOW.toISOString());
  });

  it('answers lead_gone when the lead with the number is erased before the answers are written', async () => {
    const lead = await addLead({ phone: '+12125550142' });
    const erasing = {
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

    expect(await recordLeadgen(event(), form(), erasing)).toEqual({
      kind: 'leadgen',
      result: 'lead_gone',
      leadId: lead.leadId,
    });
  });

  it('finishes a form whose lead an earlier attempt created before failing, without a second lead', async () => {
    const claim = deps.receipts.claim;
    deps.receipts.claim = async () => {
      throw new Error('Connection reset by peer');
    };
    await expect(recordLeadgen(event(), form(), deps)).rejects.toThrow('Connection reset by peer');
    deps.receipts.claim = claim;
    deps.rescores.length = 0;
    enrolled.length = 0;

    const outcome = await recordLeadgen(event(), form(), deps);

    const leads = await deps.leads.listForBrokerage({ brokerageId: BROKERAGE_ID, sort: 'newest', limit: 10 });
    expect(leads.items).toHaveLength(1);
    expect(outcome).toEqual({
      kind: 'leadgen',
      result: 'recorded',
      leadId: leads.items[0]?.leadId,
      created: true,
      followUp: 'enrolled',
    });
    expect(deps.rescores).toEqual([
      { leadId: leads.items[0]?.leadId, trigger: 'created', options: { fast: true } },
    ]);
    expect(enrolled).toEqual([leads.items[0]?.leadId]);
    expect(await deps.receipts.has('fb-leadgen', '4444444444444444')).toBe(true);
  });

  it('creates the lead again when the one an earlier attempt made was erased since', async () => {
    const first = await recordLeadgen(event(), form(), deps);
    await deps.leads.erase((await deps.leads.get(first.leadId as string))!);

    const again = await recordLeadgen(event(), form(), deps);

    expect(again).toMatchObject({ result: 'recorded', created: true });
    expect(again.leadId).not.toBe(first.leadId);
  });

  it('makes a lead of each person from their own form', async () => {
    const first = await recordLeadgen(event(), form(), deps);
    const second = await recordLeadgen(
      event({ leadgenId: '4444444444444499' }),
      form({ full_name: ['Omar Haddad'], phone_number: ['+12125550177'], email: ['omar@example.com'] }),
      deps,
    );

    expect(second).toMatchObject({ result: 'recorded', created: true });
    expect(second.leadId).not.toBe(first.leadId);
    expect((await deps.leads.get(second.leadId as string))?.name).toBe('Omar Haddad');
  });
});
