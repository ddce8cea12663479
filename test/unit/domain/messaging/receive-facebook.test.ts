import { beforeEach, describe, expect, it } from 'vitest';
import {
  ChannelUnavailableError,
  MessagingRejectedError,
} from '../../../../lambdas/domain/messaging/messaging-errors';
import { receiveFacebook } from '../../../../lambdas/domain/messaging/receive-facebook';
import { WebhookNotBoundError } from '../../../../lambdas/domain/messaging/webhook-binding';
import { fixedClock } from '../../../../lambdas/ports/clock';
import {
  type FacebookWebhookInput,
  facebookWebhookSchema,
  type LeadgenLead,
  parseFacebookEvents,
} from '../../../../schemas/events/facebook';
import { createMockProfile } from '../../../helpers/factories';
import { facebookComment, fixture } from '../../../helpers/webhooks';
import { BROKERAGE_ID, createInMemoryMessagingDeps, type InMemoryMessagingDeps } from './in-memory-messaging';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const PAGE_ID = '100000000000301';
/** A delivery to the fixtures' Page, the brokerage's own. */
const eventsOf = (body: FacebookWebhookInput) => ({
  events: parseFacebookEvents(facebookWebhookSchema.parse(body)),
  pageId: PAGE_ID,
});

let deps: InMemoryMessagingDeps;
let forms: Map<string, LeadgenLead>;
let graph: 'ok' | 'token_expired' | 'down';

beforeEach(async () => {
  forms = new Map();
  graph = 'ok';
  deps = createInMemoryMessagingDeps(fixedClock(NOW), {
    leadAds: {
      async fetchLeadgenLead(leadgenId) {
        // What the Graph API client throws for these answers (see graph-client).
        if (graph === 'token_expired') {
          throw new MessagingRejectedError(190, 'Error validating access token: Session has expired');
        }
        if (graph === 'down') throw new ChannelUnavailableError(30);
        const form = forms.get(leadgenId);
        if (!form) throw new MessagingRejectedError(100, 'Unsupported get request: lead not found');
        return form;
      },
    },
  });
  await deps.agents.createIfAbsent(createMockProfile({ agentId: 'agent-a' }));
});

const byName = async (name: string) =>
  (await deps.leads.listForBrokerage({ brokerageId: BROKERAGE_ID, sort: 'newest', limit: 100 })).items.filter(
    (lead) => lead.name === name,
  );

describe('receiveFacebook', () => {
  it("ignores the Page's own replies and edited comments", async () => {
    const outcomes = await receiveFacebook(
      {
        pageId: PAGE_ID,
        events: [
          ...eventsOf(fixture('facebook', 'feed-comment-reply-by-page')).events,
          ...eventsOf(fixture('facebook', 'feed-comment-edited')).events,
        ],
      },
      deps,
    );

    expect(outcomes.map((outcome) => outcome.result)).toEqual(['ignored', 'ignored']);
    expect(
      (await deps.leads.listForBrokerage({ brokerageId: BROKERAGE_ID, sort: 'newest', limit: 10 })).items,
    ).toEqual([]);
  });

  it('makes a lead of a first comment and counts the next one on the same lead', async () => {
    await receiveFacebook(
      eventsOf(facebookComment({ fromId: '100000000000901', name: 'Dana Lee', message: 'Price?' })),
      deps,
    );
    await receiveFacebook(
      eventsOf(facebookComment({ fromId: '100000000000901', name: 'Dana Lee', message: 'Still available?' })),
      deps,
    );

    const [lead, ...others] = await byName('Dana Lee');
    expect(others).toEqual([]);
    expect(lead).toMatchObject({
      source: 'facebook_comment',
      initialMessage: 'Price?',
      engagement: { comments: 2 },
    });
    expect(deps.rescores.map((rescore) => rescore.trigger)).toEqual(['created', 'message_in']);
  });

  it("leaves another Page's comment alone", async () => {
    const outcomes = await receiveFacebook(
      {
        ...eventsOf(facebookComment({ fromId: '100000000000905', name: 'Other Page Fan', message: 'Hi' })),
        pageId: '100000000000399',
      },
      deps,
    );

    expect(outcomes).toEqual([{ kind: 'comment', result: 'other_page' }]);
    expect(await byName('Other Page Fan')).toEqual([]);
  });

  it('refuses the whole delivery, counted and with nothing stored, while the Page id is unset', async () => {
    const delivery = eventsOf(
      facebookComment({ fromId: '100000000000906', name: 'Early Bird', message: 'Hi' }),
    );

    await expect(receiveFacebook({ ...delivery, pageId: undefined }, deps)).rejects.toBeInstanceOf(
      WebhookNotBoundError,
    );

    expect(deps.counted).toEqual(['WebhookIntakeRefused']);
    expect(await byName('Early Bird')).toEqual([]);
  });

  it('parks a lead form whose read fails for an expired token, by its ids only, and counts it once', async () => {
    graph = 'token_expired';
    forms.set('4444444444444444', fixture<LeadgenLead>('facebook', 'leadgen-lead'));

    const [first] = await receiveFacebook(eventsOf(fixture('facebook', 'leadgen')), deps);
    const [again] = await receiveFacebook(eventsOf(fixture('facebook', 'leadgen')), deps);

    expect([first, again]).toEqual([
      { kind: 'leadgen', result: 'parked', reason: 'meta_190' },
      { kind: 'leadgen', result: 'parked', reason: 'meta_190' },
    ]);
    expect(await deps.parked.list(BROKERAGE_ID)).toEqual([
      {
        leadgenId: '4444444444444444',
        pageId: PAGE_ID,
        formId: '1234567890123',
        adId: '120226305854810999',
        adgroupId: '120226305854810888',
        createdTime: '2026-11-25T09:30:00.000Z',
        code: 190,
        reason: 'Error validating access token: Session has expired',
        attempts: 1,
        parkedAt: NOW.toISOString(),
        lastAttemptAt: NOW.toISOString(),
      },
    ]);
    expect(deps.counted).toEqual(['LeadgenParked']);
    expect(await byName('Dana Lee')).toEqual([]);
  });

  it('parks a lead form Meta will not serve (code 100), without failing the rest of the delivery', async () => {
    const [outcome] = await receiveFacebook(eventsOf(fixture('facebook', 'leadgen')), deps);

    expect(outcome).toEqual({ kind: 'leadgen', result: 'parked', reason: 'meta_100' });
    expect((await deps.parked.list(BROKERAGE_ID)).map((parked) => parked.code)).toEqual([100]);
  });

  it('fails the delivery, for Meta to send again, while the Graph API is unavailable', async () => {
    graph = 'down';

    await expect(receiveFacebook(eventsOf(fixture('facebook', 'leadgen')), deps)).rejects.toBeInstanceOf(
      ChannelUnavailableError,
    );
    expect(await deps.parked.list(BROKERAGE_ID)).toEqual([]);
  });

  it('keeps an answer the lead API would refuse (a malformed phone) in the first message', async () => {
    const form = fixture<LeadgenLead>('facebook', 'leadgen-lead');
    form.field_data = form.field_data.map((field) =>
      field.name === 'phone_number' ? { ...field, values: ['555-CALL-ME'] } : field,
    );
    forms.set(form.id, form);

    const [outcome] = await receiveFacebook(eventsOf(fixture('facebook', 'leadgen')), deps);

    const [lead] = await byName('Dana Lee');
    expect(outcome).toMatchObject({ result: 'recorded', created: true });
    expect(lead?.phone).toBeUndefined();
    expect(lead?.email).toBe('dana.lee@example.com');
    expect(lead?.initialMessage).toContain('Phone: 555-CALL-ME');
  });
});
