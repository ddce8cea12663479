/**
 * Measures lead scoring on synthetic but realistic leads: AUC and calibration of the prior-only
 * score and of the score learned from replayed outcomes, on a held-out set.
 *
 *   npm run eval:scoring            # table
 *   npm run eval:scoring -- --json  # the same figures as JSON on the last line
 *
 * The true conversion chance of each lead depends on its factor values with weights unlike the
 * prior (response timing and engagement matter far more, the source far less), so learning has
 * something to find. Exits 1 when a target is missed.
 */

import { analysisTextFor } from '../lambdas/domain/scoring/analysis-text';
import { computeScore } from '../lambdas/domain/scoring/compute-score';
import { extractFeatures } from '../lambdas/domain/scoring/extract-features';
import { analyzeContent } from '../lambdas/domain/scoring/heuristic-content-analyzer';
import { emptyScoringModel, recordOutcome } from '../lambdas/domain/scoring/scoring-model';
import type { Lead, LeadSource } from '../schemas/api/leads';
import type { Interaction } from '../schemas/api/timeline';
import type { FactorValues, ScoringModel } from '../schemas/scoring';

const seedArg = process.argv.indexOf('--seed');
const SEED = seedArg > 0 ? Number(process.argv[seedArg + 1]) : 20_260_101;
const LEADS = 10_000;
const TEST_SHARE = 0.3;
const AGENT_TIME_ZONE = 'America/New_York';
const TARGETS = { learnedAuc: 0.8, aucLiftOverPrior: 0.05, learnedEce: 0.05 } as const;

// ---------------------------------------------------------------------------------------------
// Seeded randomness

const mulberry32 = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};
const random = mulberry32(SEED);
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
// Synthetic leads: a hidden quality q drives, loosely, what they write, how they engage and how
// fast they answer; the outcome then depends only on the observable factor values.

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
const FIRST_NAMES = ['Dana', 'Sam', 'Alex', 'Maya', 'Omar', 'Lina', 'Chris', 'Noor', 'Jordan', 'Rania'];
const LAST_NAMES = ['Lee', 'Park', 'Haddad', 'Rivera', 'Khan', 'Novak', 'Silva', 'Aziz'];
const AREAS = ['Riverside', 'Brookside', 'Old Town', 'Harbor Point', 'Maple Heights'];
const JOBS = ['nurse', 'engineer', 'teacher', 'accountant', 'designer'];

const money = (value: number, arabic: boolean): string => {
  if (arabic)
    return value >= 1e6
      ? `${Math.round(value / 1e5) / 10} مليون درهم`
      : `${Math.round(value / 1e3)} ألف درهم`;
  return pick([
    () => `$${Math.round(value / 1e3)}k`,
    () => Math.round(value).toLocaleString('en-US'),
    () => (value >= 1e6 ? `${Math.round(value / 1e5) / 10}m` : `${Math.round(value / 1e3)}k`),
    () => `AED ${Math.round(value / 1e5) / 10} million`,
  ])();
};

const writeMessage = (q: number, budget: number, area: string): string => {
  const arabic = chance(0.2);
  const parts: string[] = [];
  const p = (bias: number, slope = 0.2) => chance(sigmoid(bias + slope * q));
  if (arabic) {
    parts.push(pick(['مرحبا', 'السلام عليكم', '']));
    if (p(-0.8))
      parts.push(pick(['ممكن معاينة الشقة بكرة؟', 'أبغى أشوف البيت هذا الأسبوع', 'ممكن موعد للمعاينة؟']));
    if (p(-0.3, 0.4)) parts.push(pick(['كم السعر؟', 'بكم؟']));
    if (p(-1)) parts.push('هل الشقة متاحة؟');
    if (p(-1.2)) parts.push(`ميزانيتي بحدود ${money(budget, true)}`);
    if (p(-1.6)) parts.push(pick(['الدفع كاش', 'عندي موافقة البنك', 'أحتاج تمويل']));
    if (p(-1.2)) parts.push(pick(['أنا وزوجتي نبحث عن بيت', 'أسأل لصديقي']));
    if (p(-1.5)) parts.push(pick(['عاجل', 'الشهر الجاي منتقل']));
    if (p(-1.5, -0.8)) parts.push(pick(['مجرد استفسار', 'مش مستعجل']));
  } else {
    parts.push(pick(['Hi', 'Hello', 'Hey there', 'Good evening', '']));
    if (p(-0.8)) {
      parts.push(
        pick([
          'Can I view it this weekend?',
          'I would like to see the property tomorrow.',
          'Could we book a viewing?',
          'Can we come and see it today?',
        ]),
      );
    }
    if (p(-0.3, 0.4)) parts.push(pick(['What is the price?', 'How much is it?', 'price?']));
    if (p(-1)) parts.push('Is it still available?');
    if (p(-1.2)) parts.push(`Our budget is ${money(budget, false)}.`);
    if (p(-1.6)) parts.push(pick(['We are pre-approved.', 'Cash buyer.', 'We will need a mortgage.']));
    if (p(-1.2)) parts.push(pick(['My wife and I are looking to buy.', 'Asking for a friend.']));
    if (p(-1.5))
      parts.push(pick(['We need to move urgently.', 'Relocating next month.', `Looking in ${area}.`]));
    if (p(-1.5, -0.8))
      parts.push(pick(['Just looking for now.', 'No rush, maybe next year.', 'Nice place lol']));
  }
  return parts.filter(Boolean).join(' ');
};

const REPLIES = [
  'Yes, still interested',
  'Thanks! When can we see it?',
  'Can you send more photos?',
  'OK',
  'نعم مهتم',
  'شكرا، متى ممكن نشوفها؟',
];

interface Sample {
  values: FactorValues;
  createdAt: number;
  closedAt: number;
  converted: boolean;
  trueProbability: number;
}

const START = Date.parse('2025-01-06T05:00:00Z');
const DAY = 86_400_000;
const MINUTE = 60_000;

// Local hour of inquiry: mostly daytime and evening, some late at night.
const HOURS: readonly (readonly [number, number])[] = Array.from({ length: 24 }, (_, h) => [
  h,
  h >= 9 && h < 18 ? 6 : h >= 18 && h < 22 ? 5 : h >= 7 && h < 9 ? 3 : 1.2,
]);

const makeLead = (): { lead: Lead; interactions: Interaction[]; scoredAt: Date } => {
  const q = normal();
  const day = Math.floor(random() * 300);
  const hour = pickWeighted(HOURS);
  const createdAt = START + day * DAY + hour * 3_600_000 + Math.floor(random() * 60) * MINUTE;
  const leadId = fakeId();
  const price = Math.round(Math.exp(Math.log(500_000) + 0.35 * normal()) / 1000) * 1000;
  const budget = price * Math.exp(0.15 + 0.2 * q + 0.25 * normal());
  const area = pick(AREAS);
  const message = chance(0.85) ? writeMessage(q, budget, area) : '';
  const createdIso = new Date(createdAt).toISOString();

  const interactions: Interaction[] = [];
  const add = (type: Interaction['type'], direction: Interaction['direction'], at: number, text?: string) =>
    interactions.push({
      interactionId: fakeId(),
      leadId,
      type,
      direction,
      occurredAt: new Date(at).toISOString(),
      ...(text ? { text } : {}),
    });
  const outreachAt = createdAt + Math.round(5 + 240 * -Math.log(1 - random())) * MINUTE;
  add('whatsapp', 'outbound', outreachAt, 'Hi, thanks for your interest! When would suit you for a call?');
  let replies = 0;
  if (chance(sigmoid(-0.2 + 0.5 * q))) {
    const minutes = Math.exp(4.8 - 0.5 * q + 1.4 * normal());
    add('whatsapp', 'inbound', outreachAt + Math.round(minutes * MINUTE), pick(REPLIES));
    replies = 1 + poisson(Math.exp(-0.5 + 0.4 * q));
    for (let r = 1; r < replies; r++) {
      add(
        'whatsapp',
        'inbound',
        outreachAt + Math.round((minutes + 60 * r * (1 + random())) * MINUTE),
        pick(REPLIES),
      );
    }
  }
  const known = (p: number) => chance(sigmoid(Math.log(p / (1 - p)) + 0.3 * q));
  const lead: Lead = {
    leadId,
    agentId: 'agent-1',
    brokerageId: 'brokerage-1',
    name: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
    source: pickWeighted(SOURCES),
    status: 'new',
    temperature: 'cold',
    temperatureSetBy: 'score',
    score: 0,
    tags: [],
    ...(message ? { initialMessage: message } : {}),
    propertyInterest: { price, currency: 'USD', area },
    profile: {
      ...(known(0.4) ? { job: pick(JOBS) } : {}),
      ...(known(0.4) ? { location: chance(0.5) ? area : pick(AREAS) } : {}),
      ...(known(0.3) ? { familyStatus: pick(['married', 'single', 'married with two kids']) } : {}),
      ...(known(0.2) ? { budgetMin: Math.round(budget * 0.85), budgetMax: Math.round(budget) } : {}),
    },
    engagement: {
      likes: poisson(Math.exp(0.3 + 0.3 * q)),
      shares: poisson(Math.exp(-1.5 + 0.3 * q)),
      comments: poisson(Math.exp(-0.8 + 0.3 * q)),
      replies: 0,
    },
    version: 1,
    createdAt: createdIso,
    updatedAt: createdIso,
  };
  return { lead, interactions, scoredAt: new Date(createdAt + 3 * DAY) };
};

// The world's truth: timing and engagement matter far more than the prior says, source barely.
const TRUE_WEIGHTS = { timing: 2.2, engagement: 5, content: 0.4, profile: 0.8, source: 0 } as const;
const trueLogit = (v: FactorValues, intercept: number) =>
  intercept +
  TRUE_WEIGHTS.timing * Math.tanh(5 * (v.timing - 0.55)) +
  TRUE_WEIGHTS.engagement * (Math.sqrt(v.engagement) - 0.6) +
  TRUE_WEIGHTS.content * (v.content - 0.5) +
  TRUE_WEIGHTS.profile * (v.profile - 0.5) +
  TRUE_WEIGHTS.source * (v.source - 0.5);
const TRUE_INTERCEPT = -3;
const UNSEEN_NOISE = 0.7;

const buildSamples = (): Sample[] => {
  const samples: Sample[] = [];
  for (let i = 0; i < LEADS; i++) {
    const { lead, interactions, scoredAt } = makeLead();
    const analysis = analyzeContent({ text: analysisTextFor(lead, interactions), leadName: lead.name });
    const { values } = extractFeatures({
      lead,
      interactions,
      analysis,
      agentTimeZone: AGENT_TIME_ZONE,
      typicalLocalBudget: 520_000,
      now: scoredAt,
    });
    // Plus what no CRM sees (a job offer elsewhere, a family decision).
    const trueProbability = sigmoid(trueLogit(values, TRUE_INTERCEPT) + UNSEEN_NOISE * normal());
    const createdAt = Date.parse(lead.createdAt);
    samples.push({
      values,
      createdAt,
      closedAt: createdAt + (20 + random() * 70) * DAY,
      converted: chance(trueProbability),
      trueProbability,
    });
  }
  return samples.sort((a, b) => a.createdAt - b.createdAt);
};

// ---------------------------------------------------------------------------------------------
// Metrics

const auc = (predictions: readonly number[], labels: readonly boolean[]): number => {
  const order = predictions.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  let rankSumPositives = 0;
  let positives = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]![0] === order[start]![0]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k]![1]]) {
        rankSumPositives += averageRank;
        positives++;
      }
    }
    start = end + 1;
  }
  const negatives = labels.length - positives;
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
};

interface Decile {
  decile: number;
  leads: number;
  meanPredicted: number;
  observedRate: number;
}

const calibration = (predictions: readonly number[], labels: readonly boolean[]) => {
  const order = predictions.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const deciles: Decile[] = [];
  let ece = 0;
  for (let d = 0; d < 10; d++) {
    const slice = order.slice(Math.floor((d * order.length) / 10), Math.floor(((d + 1) * order.length) / 10));
    const meanPredicted = slice.reduce((s, [p]) => s + p, 0) / slice.length;
    const observedRate = slice.filter(([, i]) => labels[i]).length / slice.length;
    ece += (slice.length / order.length) * Math.abs(meanPredicted - observedRate);
    deciles.push({ decile: d + 1, leads: slice.length, meanPredicted, observedRate });
  }
  return { ece, deciles };
};

// ---------------------------------------------------------------------------------------------

const samples = buildSamples();
const testStart = Math.floor(samples.length * (1 - TEST_SHARE));
const train = samples.slice(0, testStart).sort((a, b) => a.closedAt - b.closedAt);
const test = samples.slice(testStart);
const labels = test.map((s) => s.converted);

const predict = (model?: ScoringModel) => test.map((s) => computeScore(s, model).probability);
const priorPredictions = predict();
const priorAuc = auc(priorPredictions, labels);

// Checkpoints: every 5 outcomes early on, then every 50; the curve shows how fast learning pays.
const isCheckpoint = (n: number) => (n <= 500 ? n % 5 === 0 : n % 50 === 0) || n === train.length;
const CURVE_AT = [25, 50, 100, 250, 500, 1000, 2000, 4000];
const curve: { outcomes: number; auc: number; ece: number }[] = [];
let lastAtOrBelowPrior = 0;
let model = emptyScoringModel();
for (const [i, sample] of train.entries()) {
  model = recordOutcome(model, sample.values, sample.converted ? 'converted' : 'lost');
  const n = i + 1;
  if (!isCheckpoint(n)) continue;
  const predictions = predict(model);
  const aucNow = auc(predictions, labels);
  if (aucNow <= priorAuc) lastAtOrBelowPrior = n;
  if (CURVE_AT.includes(n))
    curve.push({ outcomes: n, auc: aucNow, ece: calibration(predictions, labels).ece });
}
// The point from which the learned score stays ahead of the prior at every later checkpoint.
const outcomesToPassPrior =
  lastAtOrBelowPrior < train.length ? lastAtOrBelowPrior + (lastAtOrBelowPrior < 500 ? 5 : 50) : null;
const learnedPredictions = predict(model);
const learnedAuc = auc(learnedPredictions, labels);
const priorCalibration = calibration(priorPredictions, labels);
const learnedCalibration = calibration(learnedPredictions, labels);
const ceilingAuc = auc(
  test.map((s) => s.trueProbability),
  labels,
);
const conversionRate = samples.filter((s) => s.converted).length / samples.length;

const passed = {
  learnedAuc: learnedAuc >= TARGETS.learnedAuc,
  aucLiftOverPrior: learnedAuc - priorAuc >= TARGETS.aucLiftOverPrior,
  learnedEce: learnedCalibration.ece <= TARGETS.learnedEce,
};
const ok = passed.learnedAuc && passed.aucLiftOverPrior && passed.learnedEce;

const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const lines = [
  `Lead scoring evaluation (seed ${SEED})`,
  `leads ${samples.length}: ${train.length} outcomes replayed in order, ${test.length} held out; conversion rate ${pct(conversionRate)}`,
  '',
  '                          AUC     ECE (deciles)',
  `prior only               ${f3(priorAuc)}   ${f3(priorCalibration.ece)}`,
  `learned (${model.outcomes} outcomes)  ${f3(learnedAuc)}   ${f3(learnedCalibration.ece)}`,
  `true probability         ${f3(ceilingAuc)}   (ceiling)`,
  '',
  `learned score stays ahead of the prior's AUC from ${outcomesToPassPrior ?? 'never'} outcomes on`,
  `learning curve (held-out AUC / ECE): ${curve.map((c) => `${c.outcomes}: ${f3(c.auc)}/${f3(c.ece)}`).join('  ')}`,
  '',
  'calibration by decile of predicted probability (held-out leads)',
  '          ----- prior only -----   ------ learned -------',
  'decile    predicted   observed     predicted   observed',
];
for (let d = 0; d < 10; d++) {
  const prior = priorCalibration.deciles[d]!;
  const learned = learnedCalibration.deciles[d]!;
  lines.push(
    `${String(d + 1).padStart(6)}  ${pct(prior.meanPredicted).padStart(11)}  ${pct(prior.observedRate).padStart(9)}  ${pct(learned.meanPredicted).padStart(12)}  ${pct(learned.observedRate).padStart(9)}`,
  );
}
lines.push(
  '',
  `targets: learned AUC >= ${TARGETS.learnedAuc} ${passed.learnedAuc ? 'met' : 'MISSED'}; ` +
    `lift over prior >= ${TARGETS.aucLiftOverPrior} ${passed.aucLiftOverPrior ? 'met' : 'MISSED'}; ` +
    `learned ECE <= ${TARGETS.learnedEce} ${passed.learnedEce ? 'met' : 'MISSED'}`,
);
console.log(lines.join('\n'));

if (process.argv.includes('--json')) {
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  console.log(
    JSON.stringify({
      seed: SEED,
      leads: samples.length,
      trainOutcomes: train.length,
      testLeads: test.length,
      conversionRate: round(conversionRate),
      prior: { auc: round(priorAuc), ece: round(priorCalibration.ece) },
      learned: { auc: round(learnedAuc), ece: round(learnedCalibration.ece), outcomes: model.outcomes },
      ceilingAuc: round(ceilingAuc),
      outcomesToPassPrior,
      learningCurve: curve.map((c) => ({ outcomes: c.outcomes, auc: round(c.auc), ece: round(c.ece) })),
      deciles: learnedCalibration.deciles.map((d, i) => ({
        decile: d.decile,
        leads: d.leads,
        priorPredicted: round(priorCalibration.deciles[i]!.meanPredicted),
        priorObserved: round(priorCalibration.deciles[i]!.observedRate),
        learnedPredicted: round(d.meanPredicted),
        learnedObserved: round(d.observedRate),
      })),
      targets: TARGETS,
      passed,
    }),
  );
}
process.exitCode = ok ? 0 : 1;
