import { describe, expect, it } from 'vitest';
import {
  factorOf,
  knownSignals,
  leadSignals,
  SIGNAL_LABELS,
  SIGNALS,
  type SignalInput,
} from '../../../../lambdas/domain/scoring/lead-signals';
import { leadSources } from '../../../../schemas/api/leads';
import { anAnalysis, at } from './fixtures';

const MINUTE = 60_000;
const NOW = at(60 * 24 * 3).getTime();

/** A lead who wrote a mid-length English message on a Tuesday at 11:00 and nothing else is known. */
const anInput = (overrides: Partial<SignalInput> = {}): SignalInput => ({
  source: 'website',
  analysis: anAnalysis(),
  hasMessage: true,
  textLength: 60,
  openingLength: 60,
  engagement: { likes: 0, shares: 0, comments: 0, replies: 0 },
  optedOut: false,
  timeline: { inbound: 1, outbound: 0, replies: 0, comments: 0, messagesWithText: 1 },
  inquiry: { hour: 11, minute: 0, weekday: 2 },
  now: NOW,
  budgetFit: { fit: 0.35, status: 'unknown', source: 'unknown', reason: 'No budget known yet' },
  profile: { job: false, location: false, localToArea: false, family: false },
  ...overrides,
});

const signalsOf = (overrides: Partial<SignalInput> = {}) => leadSignals(anInput(overrides));
const ofFactor = (factor: string, overrides: Partial<SignalInput> = {}) =>
  signalsOf(overrides).filter((signal) => factorOf(signal) === factor);

describe('leadSignals for a plain lead', () => {
  it('lists the signals in factor order: content, engagement, timing, source, profile', () => {
    expect(signalsOf()).toEqual([
      'content.english',
      'engagement.no_replies',
      'timing.business_hours',
      'source.website',
      'profile.budget_unknown',
    ]);
  });

  it('names only signals the app has a label for', () => {
    const everything = signalsOf({
      analysis: anAnalysis({
        intents: ['viewing', 'price', 'availability', 'financing', 'location', 'features', 'negotiation'],
        timeframe: 'immediate',
        financing: 'cash',
        budget: { max: 450_000 },
        authority: 0.3,
        seriousness: 0.1,
      }),
      openingLength: 10,
      optedOut: true,
      engagement: { likes: 5, shares: 1, comments: 2, replies: 9 },
    });

    for (const signal of everything) expect(SIGNAL_LABELS[signal]).toEqual(expect.any(String));
  });
});

describe('leadSignals: content', () => {
  it('says only "no message" for a lead who wrote nothing, whatever the analysis holds', () => {
    const content = ofFactor('content', {
      hasMessage: false,
      textLength: 0,
      analysis: anAnalysis({ intents: ['price'], timeframe: 'immediate', authority: 0.3, language: 'ar' }),
    });

    expect(content).toEqual(['content.no_message']);
  });

  it('names each intent, the timeframe, the financing and a stated budget', () => {
    const content = ofFactor('content', {
      analysis: anAnalysis({
        intents: ['viewing', 'financing'],
        timeframe: 'this_week',
        financing: 'pre_approved',
        budget: { max: 450_000, currency: 'USD' },
      }),
    });

    expect(content).toEqual([
      'content.viewing',
      'content.financing',
      'content.this_week',
      'content.pre_approved',
      'content.budget_stated',
      'content.english',
    ]);
  });

  it('adds no timeframe or financing signal when neither is known', () => {
    expect(ofFactor('content')).toEqual(['content.english']);
  });

  it.each([
    [1, true],
    [24, true],
    [25, false],
    [0, false],
  ])('reads a price asked in an opening of %i characters as a bare price question: %s', (length, bare) => {
    const content = ofFactor('content', {
      openingLength: length,
      analysis: anAnalysis({ intents: ['price'] }),
    });

    expect(content.includes('content.price_only')).toBe(bare);
    expect(content).toContain('content.price');
  });

  it('finds no bare price question in a short opening that does not ask the price', () => {
    const content = ofFactor('content', {
      openingLength: 10,
      analysis: anAnalysis({ intents: ['availability'] }),
    });

    expect(content).not.toContain('content.price_only');
  });

  it.each([
    [0.3, true],
    [0.35, true],
    [0.36, false],
    [0.85, false],
  ])('reads authority %f as asking for someone else: %s', (authority, forSomeoneElse) => {
    const content = ofFactor('content', { analysis: anAnalysis({ authority }) });

    expect(content.includes('content.for_someone_else')).toBe(forSomeoneElse);
  });

  it.each([
    [0.24, true],
    [0.25, false],
  ])('reads seriousness %f as casual: %s', (seriousness, casual) => {
    const content = ofFactor('content', { analysis: anAnalysis({ seriousness }) });

    expect(content.includes('content.casual')).toBe(casual);
  });

  it.each([
    ['ar', 'content.arabic'],
    ['en', 'content.english'],
    ['fr', 'content.other_language'],
    ['und', 'content.other_language'],
  ])('names the language %s as %s', (language, signal) => {
    const content = ofFactor('content', { analysis: anAnalysis({ language }) });

    expect(content).toEqual([signal]);
  });

  it.each([
    [0, 'content.short'],
    [24, 'content.short'],
    [25, undefined],
    [159, undefined],
    [160, 'content.long'],
  ])('reads %i characters of text by length as %s', (textLength, signal) => {
    const content = ofFactor('content', { textLength });
    const lengths = content.filter((s) => s === 'content.short' || s === 'content.long');

    expect(lengths).toEqual(signal ? [signal] : []);
  });
});

describe('leadSignals: engagement', () => {
  const engaged = (engagement: Partial<SignalInput['engagement']>, optedOut = false) =>
    ofFactor('engagement', {
      engagement: { likes: 0, shares: 0, comments: 0, replies: 0, ...engagement },
      optedOut,
    });

  it.each([
    [0, 'engagement.no_replies'],
    [1, 'engagement.one_reply'],
    [2, 'engagement.some_replies'],
    [3, 'engagement.some_replies'],
    [4, 'engagement.many_replies'],
  ])('reads %i replies as %s', (replies, signal) => {
    expect(engaged({ replies })).toEqual([signal]);
  });

  it.each([
    [1, ['engagement.one_comment']],
    [2, ['engagement.repeat_comments']],
    [5, ['engagement.repeat_comments']],
  ])('reads %i comments as %j', (comments, signals) => {
    expect(engaged({ comments })).toEqual(['engagement.no_replies', ...signals]);
  });

  it.each([
    [1, ['engagement.some_likes']],
    [3, ['engagement.some_likes']],
    [4, ['engagement.many_likes']],
  ])('reads %i likes as %j', (likes, signals) => {
    expect(engaged({ likes })).toEqual(['engagement.no_replies', ...signals]);
  });

  it('reads one share as having shared', () => {
    expect(engaged({ shares: 1 })).toEqual(['engagement.no_replies', 'engagement.shared']);
  });

  it('puts an opt-out first, beside the rest of what the lead did', () => {
    expect(engaged({ replies: 1, likes: 4 }, true)).toEqual([
      'engagement.opted_out',
      'engagement.one_reply',
      'engagement.many_likes',
    ]);
  });
});

describe('leadSignals: timing', () => {
  const OUTREACH = NOW - 2 * 24 * 60 * MINUTE;
  const replyAfter = (minutes: number) =>
    ofFactor('timing', {
      timeline: {
        inbound: 2,
        outbound: 1,
        replies: 1,
        comments: 0,
        messagesWithText: 2,
        firstOutboundAt: OUTREACH,
        firstReplyAt: OUTREACH + minutes * MINUTE,
      },
    });

  it.each([
    [0, 'timing.reply_15m'],
    [15, 'timing.reply_15m'],
    [16, 'timing.reply_1h'],
    [60, 'timing.reply_1h'],
    [61, 'timing.reply_4h'],
    [240, 'timing.reply_4h'],
    [241, 'timing.reply_1d'],
    [1_440, 'timing.reply_1d'],
    [1_441, 'timing.reply_slow'],
  ])('reads a reply %i minutes after outreach as %s', (minutes, signal) => {
    expect(replyAfter(minutes)).toEqual([signal, 'timing.business_hours']);
  });

  const silentSince = (minutesAgo: number) =>
    ofFactor('timing', {
      timeline: {
        inbound: 1,
        outbound: 1,
        replies: 0,
        comments: 0,
        messagesWithText: 1,
        firstOutboundAt: NOW - minutesAgo * MINUTE,
      },
    });

  it('reads silence exactly a day after outreach as no reply', () => {
    expect(silentSince(1_440)).toEqual(['timing.no_reply', 'timing.business_hours']);
  });

  it('waits for a reply to outreach less than a day old', () => {
    expect(silentSince(1_439)).toEqual(['timing.business_hours']);
  });

  it('says nothing about replies before any outreach', () => {
    expect(ofFactor('timing')).toEqual(['timing.business_hours']);
  });

  it.each([
    [0, 2, 'timing.night'],
    [6, 2, 'timing.night'],
    [7, 2, 'timing.early_morning'],
    [8, 2, 'timing.early_morning'],
    [9, 2, 'timing.business_hours'],
    [17, 5, 'timing.business_hours'],
    [9, 6, 'timing.weekend_day'],
    [17, 7, 'timing.weekend_day'],
    [18, 2, 'timing.evening'],
    [18, 6, 'timing.evening'],
    [21, 2, 'timing.evening'],
    [22, 2, 'timing.night'],
    [23, 7, 'timing.night'],
  ])('reads an inquiry at %i:00 on weekday %i as %s', (hour, weekday, signal) => {
    expect(ofFactor('timing', { inquiry: { hour, minute: 30, weekday } })).toEqual([signal]);
  });
});

describe('leadSignals: source and profile', () => {
  it('names every lead source as a signal the app knows', () => {
    for (const source of leadSources) {
      const signals = ofFactor('source', { source });

      expect(signals).toEqual([`source.${source}`]);
      expect(SIGNALS).toContain(signals[0]);
    }
  });

  it.each([
    ['within', 'profile.within_budget'],
    ['above_budget', 'profile.above_budget'],
    ['below_budget', 'profile.below_budget'],
    ['unknown', 'profile.budget_unknown'],
  ] as const)('reads a budget fit of %s as %s', (status, signal) => {
    const profile = ofFactor('profile', {
      budgetFit: { fit: 0.5, status, source: 'profile', reason: 'Budget' },
    });

    expect(profile).toEqual([signal]);
  });

  it('names the known job, location and family status', () => {
    const profile = ofFactor('profile', {
      profile: { job: true, location: true, localToArea: false, family: true },
    });

    expect(profile).toEqual([
      'profile.budget_unknown',
      'profile.job_known',
      'profile.location_known',
      'profile.family_known',
    ]);
  });

  it('says a lead living in the area is local rather than only that the location is known', () => {
    const profile = ofFactor('profile', {
      profile: { job: false, location: true, localToArea: true, family: false },
    });

    expect(profile).toEqual(['profile.budget_unknown', 'profile.local']);
  });
});

describe('factorOf and knownSignals', () => {
  it('tells the factor a signal explains', () => {
    expect(factorOf('engagement.many_likes')).toBe('engagement');
    expect(factorOf('timing.reply_15m')).toBe('timing');
  });

  it('keeps only signals of the current vocabulary, in their order', () => {
    expect(
      knownSignals(['timing.night', 'content.emoji', 'toString', 'source.referral', 'content.price']),
    ).toEqual(['timing.night', 'source.referral', 'content.price']);
  });

  it('has a label for every signal and no label without one', () => {
    expect(SIGNALS).toHaveLength(Object.keys(SIGNAL_LABELS).length);
    expect(knownSignals(SIGNALS)).toEqual(SIGNALS);
  });
});
