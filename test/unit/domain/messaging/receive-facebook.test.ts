import { beforeEach, describe, expect, it } from 'vitest';
import { MessagingRejectedError } from '../../../../lambdas/domain/messaging/messaging-errors';
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

beforeEach(async () => {
  forms = new Map();
  deps = createInMemoryMessagingDeps(fixedClock(NOW), {
    leadAds: {
      async fetchLeadgenLead(leadgenId) {
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

  it('reports a lead form Meta no longer has, without failing the delivery', async () => {
    const [outcome] = await receiveFacebook(eventsOf(fixture('facebook', 'leadgen')), deps);

    expect(outcome).toMatchObject({ kind: 'leadgen', result: 'rejected', reason: 'MessagingRejectedError' });
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
