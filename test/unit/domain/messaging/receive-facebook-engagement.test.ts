import { beforeEach, describe, expect, it } from 'vitest';
import { receiveFacebook } from '../../../../lambdas/domain/messaging/receive-facebook';
import { fixedClock } from '../../../../lambdas/ports/clock';
import { facebookWebhookSchema, parseFacebookEvents } from '../../../../schemas/events/facebook';
import { createMockProfile } from '../../../helpers/factories';
import { fixture } from '../../../helpers/webhooks';
import { BROKERAGE_ID, createInMemoryMessagingDeps, type InMemoryMessagingDeps } from './in-memory-messaging';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const PAGE_ID = '100000000000301';
const DANA = '100000000000901';

/** One feed change as Meta sends it (a fixture), with some of its value's fields replaced or removed. */
const feed = (name: string, value: Record<string, unknown> = {}) => {
  const body = fixture('facebook', name);
  const change = body.entry[0].changes[0];
  change.value = Object.fromEntries(
    Object.entries({ ...change.value, ...value }).filter(([, field]) => field !== undefined),
  );
  return { events: parseFacebookEvents(facebookWebhookSchema.parse(body)), pageId: PAGE_ID };
};

let deps: InMemoryMessagingDeps;

beforeEach(async () => {
  deps = createInMemoryMessagingDeps(fixedClock(NOW));
  await deps.agents.createIfAbsent(createMockProfile({ agentId: 'agent-a' }));
});

const leadOf = async (facebookUserId: string) => {
  const ref = await deps.refs.find(`fb-user:${facebookUserId}`);
  return ref && deps.leads.get(ref.leadId);
};
const commentsOn = async (leadId: string) =>
  (await deps.interactions.listTimeline(leadId, { limit: 20 })).items.filter(
    (item) => item.type === 'comment',
  );
const commentedFirst = async () => {
  const [outcome] = await receiveFacebook(feed('feed-comment-add'), deps);
  deps.rescores.length = 0;
  return outcome?.leadId as string;
};

describe('receiveFacebook: likes and reactions', () => {
  it('counts a reaction by someone who commented before on their lead, and rescores it', async () => {
    const leadId = await commentedFirst();

    const outcomes = await receiveFacebook(feed('feed-reaction'), deps);

    expect(outcomes).toEqual([{ kind: 'reaction', result: 'recorded', leadId }]);
    expect((await leadOf(DANA))?.engagement).toMatchObject({ likes: 1, comments: 1, shares: 0 });
    expect(deps.rescores).toEqual([{ leadId, trigger: 'message_in', options: { fast: true } }]);
  });

  it('counts one like per person and post, whatever reaction follows, and a reaction on a comment apart', async () => {
    const leadId = await commentedFirst();
    await receiveFacebook(feed('feed-reaction'), deps);

    const [changedMind] = await receiveFacebook(feed('feed-reaction', { reaction_type: 'wow' }), deps);
    const [onComment] = await receiveFacebook(
      feed('feed-reaction', { comment_id: '100000000000777_200000000000001' }),
      deps,
    );

    expect(changedMind).toEqual({ kind: 'reaction', result: 'duplicate', leadId });
    expect(onComment).toEqual({ kind: 'reaction', result: 'recorded', leadId });
    expect((await leadOf(DANA))?.engagement.likes).toBe(2);
  });

  it('counts a like on the Page itself once per person', async () => {
    await commentedFirst();

    await receiveFacebook(feed('feed-reaction', { post_id: undefined }), deps);
    const [again] = await receiveFacebook(feed('feed-reaction', { post_id: undefined }), deps);

    expect(again?.result).toBe('duplicate');
    expect((await leadOf(DANA))?.engagement.likes).toBe(1);
  });

  it('counts a like on the post and one on the Page itself apart', async () => {
    await commentedFirst();

    await receiveFacebook(feed('feed-reaction'), deps);
    const [onPage] = await receiveFacebook(feed('feed-reaction', { post_id: undefined }), deps);

    expect(onPage?.result).toBe('recorded');
    expect((await leadOf(DANA))?.engagement.likes).toBe(2);
  });

  it('counts a like and a share of the same post by the same person, each once', async () => {
    await commentedFirst();
    const share = feed('feed-share', {
      from: { id: DANA, name: 'Dana Lee' },
      share_id: undefined,
      post_id: '100000000000301_100000000000777',
    });

    await receiveFacebook(feed('feed-reaction'), deps);
    const [shared] = await receiveFacebook(share, deps);
    const [sharedAgain] = await receiveFacebook(share, deps);

    expect([shared?.result, sharedAgain?.result]).toEqual(['recorded', 'duplicate']);
    expect((await leadOf(DANA))?.engagement).toMatchObject({ likes: 1, shares: 1 });
  });

  it('ignores a reaction taken back, leaving the count', async () => {
    await commentedFirst();
    await receiveFacebook(feed('feed-reaction'), deps);

    const outcomes = await receiveFacebook(feed('feed-reaction', { verb: 'remove' }), deps);

    expect(outcomes).toEqual([{ kind: 'reaction', result: 'ignored', reason: 'taken back' }]);
    expect((await leadOf(DANA))?.engagement.likes).toBe(1);
  });

  it('makes no lead of a like by someone who never commented', async () => {
    const outcomes = await receiveFacebook(feed('feed-like'), deps);

    expect(outcomes).toEqual([{ kind: 'reaction', result: 'unknown_user' }]);
    expect(
      (await deps.leads.listForBrokerage({ brokerageId: BROKERAGE_ID, sort: 'newest', limit: 10 })).items,
    ).toEqual([]);
  });

  it('answers unknown_user for a commenter whose lead was erased', async () => {
    const leadId = await commentedFirst();
    const lead = await deps.leads.get(leadId);
    await deps.leads.erase(lead!);

    expect(await receiveFacebook(feed('feed-reaction'), deps)).toEqual([
      { kind: 'reaction', result: 'unknown_user' },
    ]);
  });

  it("ignores the Page's own like and one with no person on it", async () => {
    await commentedFirst();

    const outcomes = await receiveFacebook(
      {
        pageId: PAGE_ID,
        events: [
          ...feed('feed-reaction', { from: { id: PAGE_ID, name: 'Riverside Homes' } }).events,
          ...feed('feed-reaction', { from: undefined }).events,
        ],
      },
      deps,
    );

    expect(outcomes).toEqual([
      { kind: 'reaction', result: 'ignored', reason: 'not from a person' },
      { kind: 'reaction', result: 'ignored', reason: 'not from a person' },
    ]);
    expect((await leadOf(DANA))?.engagement.likes).toBe(0);
  });
});

describe('receiveFacebook: shares', () => {
  const byDana = { from: { id: DANA, name: 'Dana Lee' } };

  it('counts a share by a commenter once per share id', async () => {
    const leadId = await commentedFirst();

    const [first] = await receiveFacebook(feed('feed-share', byDana), deps);
    const [again] = await receiveFacebook(feed('feed-share', byDana), deps);
    const [another] = await receiveFacebook(
      feed('feed-share', { ...byDana, share_id: '300000000000002' }),
      deps,
    );

    expect([first?.result, again?.result, another?.result]).toEqual(['recorded', 'duplicate', 'recorded']);
    expect((await leadOf(DANA))?.engagement).toMatchObject({ shares: 2, likes: 0 });
    expect(deps.rescores.map((rescore) => rescore.leadId)).toEqual([leadId, leadId]);
  });

  it('counts a share without an id once per person and post', async () => {
    await commentedFirst();
    const withoutId = { ...byDana, share_id: undefined };

    await receiveFacebook(feed('feed-share', withoutId), deps);
    const [again] = await receiveFacebook(feed('feed-share', withoutId), deps);
    const [otherPost] = await receiveFacebook(
      feed('feed-share', { ...withoutId, post_id: '100000000000903_300000000000009' }),
      deps,
    );

    expect([again?.result, otherPost?.result]).toEqual(['duplicate', 'recorded']);
    expect((await leadOf(DANA))?.engagement.shares).toBe(2);
  });

  it('makes no lead of a share by a stranger', async () => {
    expect(await receiveFacebook(feed('feed-share'), deps)).toEqual([
      { kind: 'share', result: 'unknown_user' },
    ]);
  });
});

describe('receiveFacebook: comments', () => {
  it('keeps a reply thread, the post and the Page on the comment, dated when it was written', async () => {
    const [outcome] = await receiveFacebook(
      feed('feed-comment-add', { parent_id: '100000000000777_200000000000000' }),
      deps,
    );

    const [entry] = await commentsOn(outcome?.leadId as string);
    expect(entry).toMatchObject({
      type: 'comment',
      direction: 'inbound',
      text: 'Price? Is it still available?',
      externalId: '100000000000777_200000000000001',
      occurredAt: '2026-11-25T09:30:00.000Z',
      metadata: {
        channel: 'facebook',
        pageId: PAGE_ID,
        postId: '100000000000301_100000000000777',
        parentCommentId: '100000000000777_200000000000000',
      },
    });
    expect(await leadOf(DANA)).toMatchObject({ lastInteractionAt: '2026-11-25T09:30:00.000Z', tags: [] });
    expect(deps.rescores).toEqual([{ leadId: outcome?.leadId, trigger: 'created', options: { fast: true } }]);
  });

  it('keeps only the post and the Page on a top-level comment', async () => {
    const [outcome] = await receiveFacebook(feed('feed-comment-add'), deps);

    const [entry] = await commentsOn(outcome?.leadId as string);
    expect(entry?.metadata).toStrictEqual({
      channel: 'facebook',
      pageId: PAGE_ID,
      postId: '100000000000301_100000000000777',
    });
  });

  it('keeps only the Page on a comment that names no post', async () => {
    const [outcome] = await receiveFacebook(
      feed('feed-comment-add', { post_id: undefined, post: undefined, parent_id: undefined }),
      deps,
    );

    const [entry] = await commentsOn(outcome?.leadId as string);
    expect(entry?.metadata).toStrictEqual({ channel: 'facebook', pageId: PAGE_ID });
  });

  it('names a commenter Meta gives no name for "Facebook user"', async () => {
    await receiveFacebook(feed('feed-comment-add', { from: { id: DANA } }), deps);

    expect((await leadOf(DANA))?.name).toBe('Facebook user');
  });

  it('names a lead with no name on the comment "Facebook user", and takes no first message from an empty one', async () => {
    const [outcome] = await receiveFacebook(
      feed('feed-comment-add', { from: { id: DANA, name: '   ' }, message: undefined }),
      deps,
    );

    const lead = await leadOf(DANA);
    expect(outcome).toMatchObject({ result: 'recorded', created: true });
    expect(lead?.name).toBe('Facebook user');
    expect(lead?.initialMessage).toBeUndefined();
    const [entry] = await commentsOn(lead!.leadId);
    expect(entry && 'text' in entry).toBe(false);
  });

  it('keeps the first message of a lead when later comments come, and never dates one in the future', async () => {
    await commentedFirst();

    const [later] = await receiveFacebook(
      feed('feed-comment-add', {
        comment_id: '100000000000777_200000000000002',
        message: 'Can I see it Saturday?',
        created_time: Math.floor(NOW.getTime() / 1000) + 3600,
      }),
      deps,
    );

    expect(later).toMatchObject({ result: 'recorded', created: false });
    expect(deps.rescores).toEqual([
      { leadId: later?.leadId, trigger: 'message_in', options: { fast: true } },
    ]);
    expect(later?.followUp).toBeUndefined();
    expect(await leadOf(DANA)).toMatchObject({
      initialMessage: 'Price? Is it still available?',
      lastInteractionAt: NOW.toISOString(),
      engagement: { comments: 2 },
    });
  });

  it('writes a comment once however often Meta delivers it', async () => {
    const leadId = await commentedFirst();

    const [again] = await receiveFacebook(feed('feed-comment-add'), deps);

    expect(again).toEqual({ kind: 'comment', result: 'duplicate' });
    expect(await commentsOn(leadId)).toHaveLength(1);
    expect((await leadOf(DANA))?.engagement.comments).toBe(1);
    expect(deps.rescores).toEqual([]);
  });

  it('ignores a removed comment', async () => {
    expect(await receiveFacebook(feed('feed-comment-add', { verb: 'remove' }), deps)).toEqual([
      { kind: 'comment', result: 'ignored', reason: 'comment remove' },
    ]);
  });

  it('clips a long name and a long first message to what a lead holds', async () => {
    await receiveFacebook(
      feed('feed-comment-add', {
        from: { id: DANA, name: `  ${'N'.repeat(130)}  ` },
        message: 'm'.repeat(4100),
      }),
      deps,
    );

    const lead = await leadOf(DANA);
    expect(lead?.name).toBe('N'.repeat(120));
    expect(lead?.initialMessage).toHaveLength(4000);
  });

  it('enrols a lead made from a first comment in its follow-up, and only then', async () => {
    const enrolled: string[] = [];
    deps.enrolNewLead = async (leadId) => {
      enrolled.push(leadId);
      return { result: 'enrolled', enrollmentId: `${leadId}_builtin-warm`, created: true };
    };

    const [first] = await receiveFacebook(feed('feed-comment-add'), deps);
    const [second] = await receiveFacebook(
      feed('feed-comment-add', { comment_id: '100000000000777_200000000000009' }),
      deps,
    );

    expect(first).toMatchObject({ result: 'recorded', created: true, followUp: 'enrolled' });
    expect(second).toEqual({ kind: 'comment', result: 'recorded', leadId: first?.leadId, created: false });
    expect(enrolled).toEqual([first?.leadId]);
  });

  it('ignores a comment with no person on it', async () => {
    expect(await receiveFacebook(feed('feed-comment-add', { from: undefined }), deps)).toEqual([
      { kind: 'comment', result: 'ignored', reason: 'not from a person' },
    ]);
  });

  it('answers lead_gone for a comment whose lead is erased before it is written', async () => {
    const leadId = await commentedFirst();
    const erasing = {
      ...deps,
      receipts: {
        ...deps.receipts,
        commit: async (activity: Parameters<typeof deps.receipts.commit>[0]) => {
          const lead = await deps.leads.get(leadId);
          if (lead) await deps.leads.erase(lead);
          return deps.receipts.commit(activity);
        },
      },
    };

    const outcomes = await receiveFacebook(
      feed('feed-comment-add', { comment_id: '100000000000777_200000000000010' }),
      erasing,
    );

    expect(outcomes).toEqual([{ kind: 'comment', result: 'lead_gone', leadId }]);
    expect(deps.rescores).toEqual([]);
  });

  it('answers duplicate for a comment a concurrent delivery recorded first', async () => {
    const leadId = await commentedFirst();
    const racing = { ...deps, receipts: { ...deps.receipts, has: async () => false } };

    expect(await receiveFacebook(feed('feed-comment-add'), racing)).toEqual([
      { kind: 'comment', result: 'duplicate', leadId },
    ]);
    expect(await commentsOn(leadId)).toHaveLength(1);
  });
});

describe('receiveFacebook: engagement on a lead being erased', () => {
  it('answers lead_gone for a like whose lead is erased before it is counted', async () => {
    const leadId = await commentedFirst();
    const erasing = {
      ...deps,
      receipts: {
        ...deps.receipts,
        commit: async (activity: Parameters<typeof deps.receipts.commit>[0]) => {
          const lead = await deps.leads.get(leadId);
          if (lead) await deps.leads.erase(lead);
          return deps.receipts.commit(activity);
        },
      },
    };

    expect(await receiveFacebook(feed('feed-reaction'), erasing)).toEqual([
      { kind: 'reaction', result: 'lead_gone', leadId },
    ]);
    expect(deps.rescores).toEqual([]);
  });
});
