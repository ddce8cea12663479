/**
 * Measures lead scoring on synthetic markets whose truth the scoring code never sees: AUC and
 * calibration of the prior, of the score learned from replayed outcomes, and of the true
 * probabilities (the ceiling), on held-out leads.
 *
 *   npm run eval:scoring                       # table
 *   npm run eval:scoring -- --json             # the same figures as JSON on the last line
 *   npm run eval:scoring -- --scale 0.5        # smaller held-out sets while iterating
 *   npm run eval:scoring -- --fits             # adds batch fits on the traits vs on the signals read
 *   npm run eval:scoring -- --replicates 1     # one draw only (default 5: seeds seed … seed+4)
 *
 * Independence: each market draws a lead's traits first (where they came from, what they want,
 * how fast they answer, when they write in their own time zone), decides the chance to convert
 * from those traits alone, then writes the lead's messages and timeline as text and data. Only
 * then do the analyzers and feature extraction read the lead, exactly as in production. No label
 * is computed from the model's own features. Exits 1 when a target is missed.
 *
 * Each scenario is drawn several times from successive seeds (training outcomes, held-out leads
 * and small brokerages all new) and the figures are their means, so a verdict does not flip with
 * the seed: one draw's ceiling alone moves by ±0.01. "Never worse than the prior" is judged on the
 * worst brokerage of every draw.
 */

import { analysisTextFor } from '../lambdas/domain/scoring/analysis-text';
import { computeScore } from '../lambdas/domain/scoring/compute-score';
import { extractFeatures } from '../lambdas/domain/scoring/extract-features';
import { analyzeContent } from '../lambdas/domain/scoring/heuristic-content-analyzer';
import { emptyScoringModel, type LeadEvidence, recordOutcome } from '../lambdas/domain/scoring/scoring-model';
import type { Lead, LeadSource } from '../schemas/api/leads';
import type { Interaction } from '../schemas/api/timeline';
import type { ScoringModel } from '../schemas/scoring';
import { exactMap, perValueLogOdds } from './eval-alternatives';
import { type Features, fitLogistic } from './eval-fits';
import { auc, calibrationError, mulberry32 } from './eval-metrics';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const SEED = arg('--seed', 20_260_101);
const SCALE = arg('--scale', 1);
const REPLICATES = Math.max(1, Math.round(arg('--replicates', 5)));
const TEST_LEADS = Math.round(3000 * SCALE);
const AGENT_TIME_ZONE = 'America/New_York';

let random = mulberry32(SEED);
const chance = (p: number) => random() < p;
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const poisson = (mean: number) => {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const pickWeighted = <T>(items: readonly (readonly [T, number])[]): T => {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r <= 0) return item;
  }
  return items[items.length - 1]![0];
};
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const fakeId = () => Array.from({ length: 26 }, () => CROCKFORD[Math.floor(random() * 32)]).join('');

// ---------------------------------------------------------------------------------------------
// A lead's traits: what the generator decides before any text exists.

interface Traits {
  q: number;
  source: LeadSource;
  dubai: boolean;
  localHour: number;
  silent: boolean;
  viewing: boolean;
  price: boolean;
  priceOnly: boolean;
  available: boolean;
  budget: boolean;
  financing: 'cash' | 'pre_approved' | 'mortgage' | 'none';
  forSomeoneElse: boolean;
  urgent: boolean;
  justLooking: boolean;
  arabic: boolean;
  replies: number;
  replyMinutes: number;
  likes: number;
  comments: number;
  shares: number;
  overBudget: boolean;
  jobKnown: boolean;
}

/** A market: how its leads behave and what makes them convert (log-odds per trait). */
interface Market {
  name: string;
  intercept: number;
  source: Partial<Record<LeadSource, number>>;
  trait: (t: Traits) => number;
}

const SOURCES: readonly (readonly [LeadSource, number])[] = [
  ['facebook_comment', 22],
  ['facebook_lead_ad', 15],
  ['whatsapp', 12],
  ['website', 12],
  ['portal', 16],
  ['referral', 7],
  ['walk_in', 3],
  ['phone_call', 5],
  ['direct', 5],
  ['other', 3],
];
const HOURS: readonly (readonly [number, number])[] = Array.from({ length: 24 }, (_, h) => [
  h,
  h >= 9 && h < 18 ? 6 : h >= 18 && h < 22 ? 5 : h >= 7 && h < 9 ? 3 : 1.6,
]);

const drawTraits = (): Traits => {
  const q = normal();
  const p = (bias: number, slope = 0.3) => chance(sigmoid(bias + slope * q));
  const silent = chance(0.12);
  const price = !silent && p(-0.4, 0.2);
  const replied = p(-0.2, 0.5);
  const traits: Traits = {
    q,
    source: pickWeighted(SOURCES),
    dubai: chance(0.4),
    localHour: pickWeighted(HOURS),
    silent,
    viewing: !silent && p(-0.9),
    price,
    priceOnly: price && chance(0.35),
    available: !silent && p(-1),
    budget: !silent && p(-1.2),
    financing: silent
      ? 'none'
      : pickWeighted([
          ['cash', 1],
          ['pre_approved', 1.2],
          ['mortgage', 1],
          ['none', 5],
        ]),
    forSomeoneElse: !silent && p(-1.8, -0.2),
    urgent: !silent && p(-1.6),
    justLooking: !silent && p(-1.6, -0.6),
    arabic: chance(0.25),
    replies: replied ? 1 + poisson(Math.exp(-0.6 + 0.4 * q)) : 0,
    replyMinutes: Math.exp(4.5 - 0.4 * q + 1.5 * normal()),
    likes: poisson(Math.exp(0.2 + 0.3 * q)),
    comments: poisson(Math.exp(-0.8 + 0.3 * q)),
    shares: poisson(Math.exp(-1.6 + 0.3 * q)),
    overBudget: chance(0.3),
    jobKnown: chance(0.35),
  };
  // A lead who wrote "price?" alone asked nothing else: the traits the message cannot show are not theirs.
  if (traits.priceOnly)
    Object.assign(traits, {
      viewing: false,
      available: false,
      budget: false,
      financing: 'none',
      forSomeoneElse: false,
      urgent: false,
      justLooking: false,
    });
  return traits;
};

const replyBand = (t: Traits) =>
  t.replies === 0
    ? 0
    : t.replyMinutes <= 60
      ? 3
      : t.replyMinutes <= 240
        ? 2
        : t.replyMinutes <= 1440
          ? 1
          : 0.3;
const night = (t: Traits) => t.localHour >= 22 || t.localHour < 7;

/** Agrees in direction with the prior, but replies, their speed and engagement matter far more, the source far less. */
const TODAY: Market = {
  name: 'today',
  intercept: -3.1,
  source: { referral: 0.3, walk_in: 0.2, facebook_comment: -0.2 },
  trait: (t) =>
    1.0 * replyBand(t) +
    0.6 * Math.min(t.replies, 4) +
    0.25 * Math.min(t.comments + t.shares, 4) +
    0.08 * Math.min(t.likes, 6) +
    (t.viewing ? 0.7 : 0) +
    (t.urgent ? 0.5 : 0) +
    (t.budget ? 0.3 : 0) +
    (t.financing === 'cash' || t.financing === 'pre_approved' ? 0.5 : 0) +
    (t.justLooking ? -0.8 : 0) +
    (t.forSomeoneElse ? -0.5 : 0) +
    (night(t) ? -0.5 : 0) +
    (t.overBudget ? -0.4 : 0),
};

/** Where the prior is plainly wrong: Facebook comments convert like referrals should, referrals and portals poorly, "price?" alone is the strongest sign, a stated budget or a viewing request counts against, late-night inquiries convert best. */
const OPPOSITE: Market = {
  name: 'opposite',
  intercept: -2.2,
  source: { facebook_comment: 1.5, facebook_lead_ad: 0.5, referral: -1.5, portal: -1.3, walk_in: -0.8 },
  trait: (t) =>
    (t.priceOnly ? 1.8 : t.price ? 0.5 : 0) +
    (t.budget ? -1.0 : 0) +
    (t.viewing ? -0.8 : 0) +
    (t.justLooking ? 0.7 : 0) +
    (night(t) ? 1.0 : 0) +
    0.3 * replyBand(t),
};

/** Disagrees more mildly: what a small brokerage in a niche market might see. */
const NICHE: Market = {
  name: 'niche',
  intercept: -2.6,
  source: { facebook_comment: 0.8, portal: -0.6, referral: -0.3 },
  trait: (t) =>
    (t.price ? 0.7 : 0) +
    (t.budget ? -0.4 : 0) +
    (t.viewing ? 0.3 : 0) +
    0.5 * replyBand(t) +
    0.3 * Math.min(t.replies, 3) +
    (t.justLooking ? -0.4 : 0) +
    (night(t) ? 0.4 : 0),
};

// ---------------------------------------------------------------------------------------------
// Writing the lead down: text and timeline from the traits, nothing from the model.

const AREAS = ['Riverside', 'Brookside', 'Old Town', 'Harbor Point', 'Maple Heights'];
const FIRST_NAMES = ['Dana', 'Sam', 'Alex', 'Maya', 'Omar', 'Lina', 'Chris', 'Noor', 'Jordan', 'Rania'];
const LAST_NAMES = ['Lee', 'Park', 'Haddad', 'Rivera', 'Khan', 'Novak', 'Silva', 'Aziz'];

const writeMessage = (t: Traits, budget: number): string => {
  if (t.silent) return '';
  if (t.priceOnly) return t.arabic ? pick(['بكم؟', 'كم السعر؟']) : pick(['price?', 'Price pls', 'how much?']);
  const parts: string[] = [];
  if (t.arabic) {
    parts.push(pick(['مرحبا', 'السلام عليكم', '']));
    if (t.viewing)
      parts.push(pick(['ممكن معاينة الشقة بكرة؟', 'أبغى أشوف البيت هذا الأسبوع', 'ممكن موعد للمعاينة؟']));
    if (t.price) parts.push(pick(['كم السعر؟', 'بكم؟']));
    if (t.available) parts.push('هل الشقة متاحة؟');
    if (t.budget) parts.push(`ميزانيتي بحدود ${Math.round(budget / 1e3)} ألف درهم`);
    if (t.financing === 'cash') parts.push('الدفع كاش');
    if (t.financing === 'pre_approved') parts.push('عندي موافقة البنك');
    if (t.financing === 'mortgage') parts.push('أحتاج تمويل');
    if (t.forSomeoneElse) parts.push('أسأل لصديقي');
    if (t.urgent) parts.push('عاجل');
    if (t.justLooking) parts.push(pick(['مجرد استفسار', 'مش مستعجل']));
  } else {
    parts.push(pick(['Hi', 'Hello', 'Hey there', 'Good evening', '']));
    if (t.viewing)
      parts.push(
        pick([
          'Can I view it this weekend?',
          'I would like to see the property tomorrow.',
          'Could we book a viewing?',
        ]),
      );
    if (t.price) parts.push(pick(['What is the price?', 'How much is it?', 'price?']));
    if (t.available) parts.push('Is it still available?');
    if (t.budget) parts.push(`Our budget is $${Math.round(budget / 1e3)}k.`);
    if (t.financing === 'cash') parts.push('Cash buyer.');
    if (t.financing === 'pre_approved') parts.push('We are pre-approved.');
    if (t.financing === 'mortgage') parts.push('We will need a mortgage.');
    if (t.forSomeoneElse) parts.push('Asking for a friend.');
    if (t.urgent) parts.push(pick(['We need to move urgently.', 'Relocating next month.']));
    if (t.justLooking) parts.push(pick(['Just looking for now.', 'No rush, maybe next year.']));
    if (chance(0.3)) parts.push(`Looking in ${pick(AREAS)}.`);
  }
  return parts.filter(Boolean).join(' ');
};

const REPLIES = [
  'Yes, still interested',
  'Thanks! When can we see it?',
  'Can you send more photos?',
  'OK',
  'نعم مهتم',
];
const START = Date.parse('2025-01-06T00:00:00Z');
const DAY = 86_400_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;

/** UTC offset in hours of a New York wall clock on a day (the generator's own, from the runtime's zone data). */
const newYorkOffset = (at: number): number => {
  const text = new Intl.DateTimeFormat('en-US', { timeZone: AGENT_TIME_ZONE, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')!.value;
  return Number(text.replace('GMT', '') || 0);
};

const writeLead = (t: Traits, day: number): { lead: Lead; interactions: Interaction[]; scoredAt: Date } => {
  const leadId = fakeId();
  const midnightUtc = START + day * DAY;
  const offset = t.dubai ? 4 : newYorkOffset(midnightUtc + 12 * HOUR);
  const createdAt = midnightUtc + (t.localHour - offset) * HOUR + Math.floor(random() * 60) * MINUTE;
  const price = Math.round(Math.exp(Math.log(500_000) + 0.3 * normal()) / 1000) * 1000;
  const budget = t.overBudget ? price * (0.6 + 0.2 * random()) : price * (1.0 + 0.3 * random());
  const interactions: Interaction[] = [];
  const add = (direction: Interaction['direction'], at: number, text: string) =>
    interactions.push({
      interactionId: fakeId(),
      leadId,
      type: 'whatsapp',
      direction,
      occurredAt: new Date(at).toISOString(),
      text,
    });
  const outreachAt = createdAt + Math.round(5 + 120 * -Math.log(1 - random())) * MINUTE;
  add('outbound', outreachAt, 'Hi, thanks for your interest! When would suit you for a call?');
  for (let r = 0; r < t.replies; r++)
    add('inbound', outreachAt + (t.replyMinutes + 90 * r) * MINUTE, pick(REPLIES));
  const message = writeMessage(t, budget);
  const iso = new Date(createdAt).toISOString();
  const lead: Lead = {
    leadId,
    agentId: 'agent-1',
    brokerageId: 'brokerage-1',
    name: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
    phone: t.dubai
      ? `+97150555${String(100 + Math.floor(random() * 99)).padStart(4, '0')}`
      : `+1212555${String(100 + Math.floor(random() * 99)).padStart(4, '0')}`,
    source: t.source,
    status: 'new',
    temperature: 'cold',
    temperatureSetBy: 'score',
    score: 0,
    tags: [],
    ...(message ? { initialMessage: message } : {}),
    propertyInterest: { price, currency: 'USD', area: pick(AREAS) },
    profile: {
      ...(t.jobKnown ? { job: 'nurse' } : {}),
      ...(chance(0.25) ? { budgetMin: Math.round(budget * 0.85), budgetMax: Math.round(budget) } : {}),
    },
    engagement: { likes: t.likes, shares: t.shares, comments: t.comments, replies: 0 },
    version: 1,
    createdAt: iso,
    updatedAt: iso,
  };
  return { lead, interactions, scoredAt: new Date(createdAt + 3 * DAY) };
};

interface Sample extends LeadEvidence {
  converted: boolean;
  trueProbability: number;
  traits: Traits;
}

/** What no CRM record shows (a job offer elsewhere, a family decision): part of the outcome's chance, not of any ceiling. */
const UNSEEN_NOISE = 0.5;

/** Draws a lead in a market, decides its fate from its traits, then lets the analyzers read it. */
const sample = (market: Market, day: number): Sample => {
  const traits = drawTraits();
  const logit = market.intercept + (market.source[traits.source] ?? 0) + market.trait(traits);
  // The chance given everything the lead's traits decide; the unseen part is averaged out (probit approximation).
  const trueProbability = sigmoid(logit / Math.sqrt(1 + (Math.PI * UNSEEN_NOISE ** 2) / 8));
  const { lead, interactions, scoredAt } = writeLead(traits, day);
  const text = analysisTextFor(lead, interactions);
  const analysis = analyzeContent({ text, leadName: lead.name });
  const { values, signals } = extractFeatures({
    lead,
    interactions,
    analysis,
    agentTimeZone: AGENT_TIME_ZONE,
    typicalLocalBudget: 520_000,
    textLength: text.length,
    now: scoredAt,
  });
  const converted = chance(sigmoid(logit + UNSEEN_NOISE * normal()));
  return { values, signals, converted, trueProbability, traits };
};

const draw = (market: Market, n: number, firstDay = 0): Sample[] =>
  Array.from({ length: n }, (_, i) => sample(market, firstDay + Math.floor((i * 300) / Math.max(n, 1))));

const traitFeatures = (t: Traits): Features => [
  [`source:${t.source}`, 1],
  ['price_only', t.priceOnly ? 1 : 0],
  ['price_among_details', t.price && !t.priceOnly ? 1 : 0],
  ['budget', t.budget ? 1 : 0],
  ['viewing', t.viewing ? 1 : 0],
  ['just_looking', t.justLooking ? 1 : 0],
  ['night', night(t) ? 1 : 0],
  ['reply_band', replyBand(t)],
  ['replies', Math.min(t.replies, 4)],
  ['comments_shares', Math.min(t.comments + t.shares, 4)],
  ['likes', Math.min(t.likes, 6)],
  ['urgent', t.urgent ? 1 : 0],
  ['cash_or_pre_approved', t.financing === 'cash' || t.financing === 'pre_approved' ? 1 : 0],
  ['for_someone_else', t.forSomeoneElse ? 1 : 0],
  ['over_budget', t.overBudget ? 1 : 0],
];
const readFeatures = (s: Sample): Features => [
  ...s.signals.map((k) => [k, 1] as const),
  ...Object.entries(s.values).map(([k, v]) => [`value:${k}`, v] as const),
];

// ---------------------------------------------------------------------------------------------
// Learners, replayed outcome by outcome

interface Learner {
  name: string;
  start: () => unknown;
  learn: (state: unknown, s: Sample) => unknown;
  predict: (state: unknown, s: LeadEvidence) => number;
}

const LAPLACE: Learner = {
  name: 'bayesian logistic (diagonal ADF)',
  start: emptyScoringModel,
  learn: (m, s) => recordOutcome(m as ScoringModel, s, s.converted ? 'converted' : 'lost'),
  predict: (m, s) => computeScore(s, m as ScoringModel).probability,
};
const LEARNERS = [
  LAPLACE,
  perValueLogOdds,
  ...(process.argv.includes('--reference') ? [exactMap(0.3, 1, 1)] : []),
];

const priorOf = (test: readonly Sample[]) => test.map((s) => computeScore(s).probability);

interface Point {
  outcomes: number;
  auc: number;
  ece: number;
}

const replay = (
  learner: Learner,
  train: readonly Sample[],
  test: readonly Sample[],
  at: readonly number[],
): Point[] => {
  const labels = test.map((s) => s.converted);
  const points: Point[] = [];
  let state = learner.start();
  for (let n = 0; n <= train.length; n++) {
    if (at.includes(n)) {
      const predictions = test.map((s) => learner.predict(state, s));
      points.push({ outcomes: n, auc: auc(predictions, labels), ece: calibrationError(predictions, labels) });
    }
    if (n < train.length) state = learner.learn(state, train[n]!);
  }
  return points;
};

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x}`;
const summary = (test: readonly Sample[]) => {
  const labels = test.map((s) => s.converted);
  const prior = priorOf(test);
  return {
    conversionRate: r3(labels.filter(Boolean).length / labels.length),
    prior: { auc: r3(auc(prior, labels)), ece: r3(calibrationError(prior, labels)) },
    ceiling: {
      auc: r3(
        auc(
          test.map((s) => s.trueProbability),
          labels,
        ),
      ),
      ece: r3(
        calibrationError(
          test.map((s) => s.trueProbability),
          labels,
        ),
      ),
    },
  };
};
const curveOf = (points: Point[]) =>
  points.map((p) => ({ outcomes: p.outcomes, auc: r3(p.auc), ece: r3(p.ece) }));
const at = (points: Point[], n: number) => points.find((p) => p.outcomes === n)!;

// ---------------------------------------------------------------------------------------------
// Scenarios

interface Target {
  name: string;
  met: boolean;
  detail: string;
}

const CHECKPOINTS = [100, 400, 2000];

const steadyScenario = (market: Market) => {
  const train = draw(market, 2000);
  const test = draw(market, TEST_LEADS, 150);
  const base = summary(test);
  const byLearner = LEARNERS.map((l) => ({
    learner: l.name,
    curve: curveOf(replay(l, train, test, [0, ...CHECKPOINTS])),
  }));
  // A yardstick no stored model can be: a batch fit on the first n outcomes of the generator's own
  // traits (the truth's variables, weak prior). What n outcomes can teach at best.
  const traitFit = (n: number) => {
    const onTraits = fitLogistic(
      train.slice(0, n).map((s) => ({ x: traitFeatures(s.traits), y: s.converted })),
      10,
    );
    return r3(
      auc(
        test.map((s) => onTraits(traitFeatures(s.traits))),
        test.map((s) => s.converted),
      ),
    );
  };
  return {
    market: market.name,
    ...base,
    traitFit: { 400: traitFit(400), 2000: traitFit(2000) },
    learners: byLearner,
  };
};

type Steady = ReturnType<typeof steadyScenario>;

const todayTargets = (s: Steady): Target[] => {
  const p = s.learners[0]!.curve;
  return [
    {
      name: 'learned AUC after 2000 >= 0.88',
      met: at(p, 2000).auc >= 0.88,
      detail: `${at(p, 2000).auc}; ceiling ${s.ceiling.auc}; a batch fit on the generator's own traits: ${s.traitFit[2000]}`,
    },
  ];
};

const oppositeTargets = (s: Steady): Target[] => {
  const p = s.learners[0]!.curve;
  return [
    {
      name: 'after 400: learned AUC >= 0.95 x ceiling',
      met: at(p, 400).auc >= 0.95 * s.ceiling.auc,
      detail: `${at(p, 400).auc} vs ${r3(0.95 * s.ceiling.auc)}; a batch fit on the generator's own traits: ${s.traitFit[400]}`,
    },
    {
      name: 'after 400: learned AUC >= prior + 0.05',
      met: at(p, 400).auc >= s.prior.auc + 0.05,
      detail: `${at(p, 400).auc} vs ${r3(s.prior.auc + 0.05)}`,
    },
    { name: 'after 2000: ECE <= 0.05', met: at(p, 2000).ece <= 0.05, detail: `${at(p, 2000).ece}` },
  ];
};

const DRIFT_AFTER = [0, 100, 250, 500, 1000];
const drift = () => {
  const before = draw(TODAY, 1000);
  const after = draw(OPPOSITE, 1000, 150);
  const test = draw(OPPOSITE, TEST_LEADS, 150);
  const base = summary(test);
  const learners = LEARNERS.map((l) => {
    const points = replay(
      l,
      [...before, ...after],
      test,
      DRIFT_AFTER.map((n) => 1000 + n),
    );
    return { learner: l.name, curve: curveOf(points).map((p) => ({ ...p, afterChange: p.outcomes - 1000 })) };
  });
  // A brokerage that started afresh at the change, for what 500 outcomes of the new market can teach.
  const freshAt500 = r3(replay(LAPLACE, after.slice(0, 500), test, [500])[0]!.auc);
  return {
    market: 'today, then opposite after 1000 outcomes (held-out leads from the new market)',
    ...base,
    freshAt500,
    learners,
  };
};

const driftTargets = (s: ReturnType<typeof drift>): Target[] => {
  const p500 = s.learners[0]!.curve.find((p) => p.afterChange === 500)!;
  return [
    {
      name: 'recovers within 500 outcomes of the change: AUC >= a fresh model after 500 new outcomes - 0.01',
      met: p500.auc >= s.freshAt500 - 0.01,
      detail: `${p500.auc} vs fresh ${s.freshAt500}`,
    },
    {
      name: 'after 500 new outcomes: AUC >= 0.95 x ceiling',
      met: p500.auc >= 0.95 * s.ceiling.auc,
      detail: `${p500.auc} vs ${r3(0.95 * s.ceiling.auc)}`,
    },
  ];
};

const BROKERAGES = 8;
const SMALL_STEPS = Array.from({ length: 11 }, (_, i) => i * 10);
const small = () => {
  const test = draw(NICHE, TEST_LEADS);
  const base = summary(test);
  const learners = LEARNERS.map((l) => {
    const runs = Array.from({ length: BROKERAGES }, () => replay(l, draw(NICHE, 100), test, SMALL_STEPS));
    const curve = SMALL_STEPS.map((n, i) => ({
      outcomes: n,
      // The worst brokerage against the prior on the same held-out leads (draws differ in their prior).
      worstVsPrior: r3(Math.min(...runs.map((r) => r[i]!.auc)) - base.prior.auc),
      meanAuc: r3(runs.reduce((sum, r) => sum + r[i]!.auc, 0) / runs.length),
      meanEce: r3(runs.reduce((sum, r) => sum + r[i]!.ece, 0) / runs.length),
    }));
    return { learner: l.name, curve };
  });
  // Below 0 when some brokerage, at some point, ranks the held-out leads worse than the prior does.
  const worstVsPrior = Math.min(...learners[0]!.curve.map((p) => p.worstVsPrior));
  return {
    market: `niche, ${BROKERAGES} small brokerages of 100 outcomes each`,
    ...base,
    worstVsPrior,
    learners,
  };
};

const smallTargets = (s: ReturnType<typeof small>): Target[] => [
  {
    name: 'never worse than the prior (every 10 outcomes, every brokerage, every draw)',
    met: s.worstVsPrior >= 0,
    detail: `worst brokerage ${signed(s.worstVsPrior)} against its draw's prior`,
  },
];

// ---------------------------------------------------------------------------------------------
// Every draw, then their means: numbers are averaged, except a "worst" which keeps the worst.

const combine = (values: unknown[], key = ''): unknown => {
  const first = values[0];
  if (typeof first === 'number') {
    const numbers = values as number[];
    return key.startsWith('worst')
      ? Math.min(...numbers)
      : r3(numbers.reduce((sum, x) => sum + x, 0) / numbers.length);
  }
  if (Array.isArray(first)) return first.map((_, i) => combine(values.map((v) => (v as unknown[])[i])));
  if (first && typeof first === 'object')
    return Object.fromEntries(
      Object.keys(first).map((k) => [
        k,
        combine(
          values.map((v) => (v as Record<string, unknown>)[k]),
          k,
        ),
      ]),
    );
  return first;
};

const SCENARIOS = {
  today: { run: () => steadyScenario(TODAY), targets: todayTargets },
  opposite: { run: () => steadyScenario(OPPOSITE), targets: oppositeTargets },
  drift: { run: drift, targets: driftTargets },
  small: { run: small, targets: smallTargets },
} as const;

const draws = Array.from({ length: REPLICATES }, (_, r) => {
  random = mulberry32(SEED + r);
  return Object.fromEntries(Object.entries(SCENARIOS).map(([key, s]) => [key, s.run()]));
});

type Result = ReturnType<(typeof SCENARIOS)[keyof typeof SCENARIOS]['run']>;
const seeds =
  REPLICATES === 1 ? `seed ${SEED}` : `seeds ${SEED}…${SEED + REPLICATES - 1}, means of ${REPLICATES} draws`;
const lines = [`Lead scoring evaluation (${seeds}, ${TEST_LEADS} held-out leads per scenario and draw)`];
let ok = true;
const scenarios: Record<string, unknown> = {};
for (const [key, scenario] of Object.entries(SCENARIOS)) {
  const each = draws.map((d) => d[key] as Result);
  const s = combine(each) as Result;
  const targetOf = scenario.targets as (r: Result) => Target[];
  const targets = targetOf(s).map((t, i) => ({
    ...t,
    drawsMet: each.filter((r) => targetOf(r)[i]!.met).length,
  }));
  scenarios[key] = { ...s, targets, ...(REPLICATES > 1 ? { draws: each } : {}) };
  lines.push('', `[${key}] ${s.market}: conversion ${s.conversionRate}`);
  lines.push(`  prior AUC ${s.prior.auc} ECE ${s.prior.ece}; ceiling AUC ${s.ceiling.auc}`);
  for (const l of s.learners) {
    const points = (l.curve as Record<string, number>[]).map((p) =>
      p.worstVsPrior !== undefined
        ? `${p.outcomes}: ${p.meanAuc} (worst ${signed(p.worstVsPrior)} vs prior) ECE ${p.meanEce}`
        : `${'afterChange' in p ? `+${p.afterChange}` : p.outcomes}: ${p.auc} ECE ${p.ece}`,
    );
    lines.push(`  ${l.learner}: ${points.join(' | ')}`);
  }
  for (const t of targets) {
    ok &&= t.met;
    const tally = REPLICATES > 1 ? `; met in ${t.drawsMet} of ${REPLICATES} draws` : '';
    lines.push(`  target ${t.name}: ${t.met ? 'met' : 'MISSED'} (${t.detail}${tally})`);
  }
}
console.log(lines.join('\n'));
if (process.argv.includes('--json'))
  console.log(JSON.stringify({ seed: SEED, replicates: REPLICATES, testLeads: TEST_LEADS, scenarios, ok }));
process.exitCode = ok ? 0 : 1;

// ---------------------------------------------------------------------------------------------
// `--fits`: where the information goes. The same batch fit (weak prior) on the generator's own
// traits and on the signals and factor values the analyzers read: a gap between the two at
// 10,000 outcomes is information the reading loses, not learning speed. Drawn after the
// scenarios, so their figures stay the same with or without the flag.

if (process.argv.includes('--fits')) {
  const fitLines = ['', 'Batch fits (weak prior, variance 10), AUC on held-out leads:'];
  for (const market of [OPPOSITE, TODAY]) {
    const train = draw(market, 10_000);
    const test = draw(market, TEST_LEADS, 150);
    const labels = test.map((s) => s.converted);
    const aucOf = (predict: (s: Sample) => number) => r3(auc(test.map(predict), labels));
    const cells = [2000, 10_000].map((n) => {
      const rows = train.slice(0, n);
      const onTraits = fitLogistic(
        rows.map((s) => ({ x: traitFeatures(s.traits), y: s.converted })),
        10,
      );
      const onReading = fitLogistic(
        rows.map((s) => ({ x: readFeatures(s), y: s.converted })),
        10,
      );
      return `${n}: traits ${aucOf((s) => onTraits(traitFeatures(s.traits)))}, signals ${aucOf((s) => onReading(readFeatures(s)))}`;
    });
    fitLines.push(`  ${market.name}: ceiling ${aucOf((s) => s.trueProbability)} | ${cells.join(' | ')}`);
  }
  console.log(fitLines.join('\n'));
}
