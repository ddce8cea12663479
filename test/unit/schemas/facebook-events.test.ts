import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLeadBody } from '../../../schemas/api/leads';
import {
  type FacebookWebhookInput,
  facebookWebhookSchema,
  leadFromLeadgen,
  leadgenLeadSchema,
  parseFacebookDelivery,
  parseFacebookEvents,
} from '../../../schemas/events/facebook';

const fixture = <T = FacebookWebhookInput>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../fixtures/facebook/${name}`, import.meta.url), 'utf8'));

const eventsOf = (name: string) => parseFacebookEvents(facebookWebhookSchema.parse(fixture(name)));

const pageId = '100000000000301';
const postId = '100000000000301_100000000000777';
const dana = { id: '100000000000901', name: 'Dana Lee' };

describe('facebookWebhookSchema and parseFacebookEvents', () => {
  it('turns a new comment on a post into a comment event with the commenter and text', () => {
    expect(eventsOf('feed-comment-add.json')).toEqual([
      {
        kind: 'comment',
        action: 'add',
        pageId,
        from: dana,
        fromPage: false,
        createdAt: new Date('2026-11-25T09:30:00Z'),
        commentId: '100000000000777_200000000000001',
        postId,
        message: 'Price? Is it still available?',
      },
    ]);
  });

  it('turns an edited comment into an edit of the same comment', () => {
    expect(eventsOf('feed-comment-edited.json')).toEqual([
      expect.objectContaining({
        kind: 'comment',
        action: 'edit',
        commentId: '100000000000777_200000000000001',
        message: "Price? Is it still available? We'd need 3 bedrooms.",
      }),
    ]);
  });

  it("marks the Page's own reply so it is not taken for a lead", () => {
    expect(eventsOf('feed-comment-reply-by-page.json')).toEqual([
      expect.objectContaining({
        kind: 'comment',
        fromPage: true,
        parentCommentId: '100000000000777_200000000000001',
      }),
    ]);
  });

  it('turns a reaction into a reaction event with its type', () => {
    expect(eventsOf('feed-reaction.json')).toEqual([
      expect.objectContaining({ kind: 'reaction', action: 'add', reactionType: 'love', postId, from: dana }),
    ]);
  });

  it('counts a plain like as a like reaction', () => {
    expect(eventsOf('feed-like.json')).toEqual([
      expect.objectContaining({ kind: 'reaction', action: 'add', reactionType: 'like', postId }),
    ]);
  });

  it('turns a share into a share event', () => {
    expect(eventsOf('feed-share.json')).toEqual([
      expect.objectContaining({
        kind: 'share',
        from: { id: '100000000000903', name: 'Alex Kim' },
        shareId: '300000000000001',
        message: 'Look at this one!',
      }),
    ]);
  });

  it('turns a lead-form submission into a leadgen event carrying only ids', () => {
    expect(eventsOf('leadgen.json')).toEqual([
      {
        kind: 'leadgen',
        pageId,
        leadgenId: '4444444444444444',
        formId: '1234567890123',
        adId: '120226305854810999',
        adgroupId: '120226305854810888',
        createdAt: new Date('2026-11-25T09:30:00Z'),
      },
    ]);
  });

  it("accepts Meta's sample form with numeric ids and reads them as strings", () => {
    const body = fixture('leadgen.json') as unknown as {
      entry: { changes: { value: Record<string, unknown> }[] }[];
    };
    const value = body.entry[0]!.changes[0]!.value;
    Object.assign(value, { leadgen_id: 444444444444, page_id: 100000000000301, form_id: 444444444444 });
    const [event] = parseFacebookEvents(facebookWebhookSchema.parse(body));
    expect(event).toMatchObject({
      leadgenId: '444444444444',
      pageId: '100000000000301',
      formId: '444444444444',
    });
  });

  it('ignores feed items it does not act on, such as a new post by the Page', () => {
    const body = fixture('feed-comment-add.json') as unknown as { entry: { changes: { value: object }[] }[] };
    body.entry[0]!.changes[0]!.value = { item: 'status', verb: 'add', post_id: postId, from: { id: pageId } };
    expect(parseFacebookEvents(facebookWebhookSchema.parse(body))).toEqual([]);
  });

  it('accepts Messenger entries without changes and fields it does not handle', () => {
    const body = {
      object: 'page',
      entry: [
        { id: pageId, time: 1795599000000, messaging: [{ sender: { id: '1' } }] },
        { id: pageId, time: 1795599000, changes: [{ field: 'ratings', value: { item: 'rating' } }] },
      ],
    };
    expect(parseFacebookEvents(facebookWebhookSchema.parse(body))).toEqual([]);
  });

  it('skips a leadgen change without its leadgen id, naming the field but not the value', () => {
    const body = fixture('leadgen.json') as unknown as {
      entry: { changes: { value: Record<string, unknown> }[] }[];
    };
    delete body.entry[0]!.changes[0]!.value.leadgen_id;
    expect(parseFacebookDelivery(facebookWebhookSchema.parse(body))).toEqual({
      events: [],
      skipped: [{ field: 'leadgen', reason: expect.stringContaining('value.leadgen_id') }],
    });
  });

  it('reads a numeric share_id as the share id', () => {
    const body = fixture('feed-share.json') as unknown as { entry: { changes: { value: object }[] }[] };
    Object.assign(body.entry[0]!.changes[0]!.value, { share_id: 300000000000001 });
    expect(parseFacebookDelivery(facebookWebhookSchema.parse(body))).toEqual({
      events: [expect.objectContaining({ kind: 'share', shareId: '300000000000001' })],
      skipped: [],
    });
  });

  it('keeps the good comment of a delivery whose other changes are odd, and says why each was skipped', () => {
    const comment = fixture('feed-comment-add.json');
    const body = {
      object: 'page',
      entry: [
        {
          id: pageId,
          time: 1795599000,
          changes: [
            { field: 'feed' },
            { field: 'ratings', value: { item: 'rating', verb: 'add' } },
            comment.entry[0]!.changes![0],
            { field: 'feed', value: { item: 'comment', verb: 'add', from: { id: dana.id, name: 42 } } },
          ],
        },
        { time: 1795599000, changes: [] },
      ],
    };

    const { events, skipped } = parseFacebookDelivery(facebookWebhookSchema.parse(body));

    expect(events).toEqual([
      expect.objectContaining({ kind: 'comment', commentId: '100000000000777_200000000000001' }),
    ]);
    expect(skipped).toEqual([
      { field: 'feed', reason: expect.stringContaining('value') },
      { field: 'ratings', reason: 'field not handled' },
      { field: 'feed', reason: expect.stringContaining('value.from.name') },
      { field: 'entry', reason: expect.stringContaining('id') },
    ]);
    expect(JSON.stringify(skipped)).not.toContain(dana.id);
  });
});

describe('leadgenLeadSchema and leadFromLeadgen', () => {
  it('maps a fetched lead to a create-lead body the API accepts', () => {
    const lead = leadgenLeadSchema.parse(fixture('leadgen-lead.json'));
    const body = leadFromLeadgen(lead);
    expect(body).toEqual({
      name: 'Dana Lee',
      phone: '+12125550142',
      email: 'dana.lee@example.com',
      source: 'facebook_lead_ad',
      message: [
        'When are you looking to move?: Within 3 months',
        'What is your budget?: $600k - $700k',
        'Bedrooms needed: 3',
      ].join('\n'),
      profile: { location: 'Brooklyn' },
    });
    expect(createLeadBody.safeParse(body).success).toBe(true);
  });

  it('builds the name from first and last name when the form asks for them separately', () => {
    const lead = leadgenLeadSchema.parse({
      id: '1',
      created_time: '2026-11-25T09:30:00+0000',
      field_data: [
        { name: 'first_name', values: ['Dana'] },
        { name: 'last_name', values: ['Lee'] },
        { name: 'job_title', values: ['Architect'] },
        { name: 'marital_status', values: ['Married'] },
      ],
    });
    expect(leadFromLeadgen(lead)).toEqual({
      name: 'Dana Lee',
      source: 'facebook_lead_ad',
      profile: { job: 'Architect', familyStatus: 'Married' },
    });
  });

  it('names a lead without a name after the email, and keeps an unusable email in the message', () => {
    const named = leadFromLeadgen(
      leadgenLeadSchema.parse({
        id: '2',
        created_time: '2026-11-25T09:30:00+0000',
        field_data: [{ name: 'email', values: ['dana.lee@example.com'] }],
      }),
    );
    expect(named).toMatchObject({ name: 'dana.lee', email: 'dana.lee@example.com' });

    const unusable = leadFromLeadgen(
      leadgenLeadSchema.parse({
        id: '3',
        created_time: '2026-11-25T09:30:00+0000',
        field_data: [
          { name: 'full_name', values: ['Dana Lee'] },
          { name: 'email', values: ['dana at example'] },
        ],
      }),
    );
    expect(unusable).toEqual({
      name: 'Dana Lee',
      source: 'facebook_lead_ad',
      message: 'Email: dana at example',
    });
    expect(createLeadBody.safeParse(unusable).success).toBe(true);
  });

  it('joins multiple-choice answers and skips empty ones', () => {
    const lead = leadgenLeadSchema.parse({
      id: '4',
      created_time: '2026-11-25T09:30:00+0000',
      field_data: [
        { name: 'full_name', values: ['Dana Lee'] },
        { name: 'preferred_areas', values: ['Riverside', 'Midtown'] },
        { name: 'anything_else?', values: ['  '] },
      ],
    });
    expect(leadFromLeadgen(lead).message).toBe('Preferred areas: Riverside, Midtown');
  });
});
