/**
 * Heuristic scoring throughput on one core: the rules read the message, features are extracted
 * and the score computed, exactly as `scoreLead` does with the heuristic analyzer.
 * Budget: at least 20,000 leads/s. Run alone with `tsx test/bench/scoring-throughput.ts`.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { heuristicContentAnalyzer } from '../../lambdas/domain/scoring/heuristic-content-analyzer';
import { SIGNALS } from '../../lambdas/domain/scoring/lead-signals';
import { scoreLead } from '../../lambdas/domain/scoring/score-lead';
import { emptyScoringModel, recordOutcome } from '../../lambdas/domain/scoring/scoring-model';
import type { Lead, LeadSource } from '../../schemas/api/leads';
import type { Interaction } from '../../schemas/api/timeline';

const DISTINCT_LEADS = 1_000;
const WARM_UP_ROUNDS = 2;
const MEASURED_ROUNDS = 30;

const MESSAGES = [
  'Hi, my wife and I would like to view the 3-bed in Riverside this weekend. Our budget is $450k and we are pre-approved.',
  'price?',
  'Is it still available? How much is it? We are relocating next month and need something near good schools.',
  'السلام عليكم، عاجل، كم السعر؟ أبغى معاينة الشقة بكرة. ميزانيتي مليون درهم كاش',
  'Just looking for now, maybe next year.',
  'Looking for a villa between 1.8 and 2.2m AED, cash buyer, can we see it tomorrow?',
  'Can you send more photos of the kitchen and the garden? Is the price negotiable?',
  '',
];
const SOURCES: LeadSource[] = [
  'facebook_comment',
  'portal',
  'referral',
  'website',
  'whatsapp',
  'facebook_lead_ad',
];
const START = Date.parse('2026-03-02T13:00:00.000Z');
const id = (n: number) => `01JD7Q3M2Y9V1X8K4T${String(n).padStart(8, '0')}`;

const buildLeads = (): { lead: Lead; interactions: Interaction[] }[] =>
  Array.from({ length: DISTINCT_LEADS }, (_, i) => {
    const createdAt = new Date(START + i * 37 * 60_000).toISOString();
    const leadId = id(i);
    const interactions: Interaction[] = [
      {
        interactionId: id(100_000 + i),
        leadId,
        type: 'whatsapp',
        direction: 'outbound',
        text: 'Hi Dana, thanks for reaching out! When suits you for a call?',
        occurredAt: new Date(START + i * 37 * 60_000 + 20 * 60_000).toISOString(),
      },
    ];
    if (i % 3 !== 0) {
      interactions.push({
        interactionId: id(200_000 + i),
        leadId,
        type: 'whatsapp',
        direction: 'inbound',
        text: i % 2 === 0 ? 'Yes please, tomorrow at 5 works' : 'Can you send the floor plan?',
        occurredAt: new Date(START + i * 37 * 60_000 + (30 + (i % 600)) * 60_000).toISOString(),
      });
    }
    const message = MESSAGES[i % MESSAGES.length]!;
    return {
      lead: {
        leadId,
        agentId: 'agent-1',
        brokerageId: 'brokerage-1',
        name: 'Dana Lee',
        phone: `+1212555${String(100 + (i % 100)).padStart(4, '0')}`,
        source: SOURCES[i % SOURCES.length]!,
        status: 'new',
        temperature: 'cold',
        temperatureSetBy: 'score',
        score: 0,
        tags: [],
        ...(message ? { initialMessage: message } : {}),
        propertyInterest: { price: 400_000 + (i % 10) * 25_000, currency: 'USD', area: 'Riverside' },
        profile: i % 2 === 0 ? { job: 'nurse', location: 'Riverside', budgetMax: 500_000 } : {},
        engagement: { likes: i % 7, shares: i % 3, comments: i % 4, replies: i % 2 },
        version: 1,
        createdAt,
        updatedAt: createdAt,
      },
      interactions,
    };
  });

/**
 * Leads scored per second of CPU time on the heuristic path, with a learned model in the blend:
 * the median over the measured rounds. CPU time (not wall time) is what "on one core" means, and
 * the median keeps a noisy neighbour's burst out of the figure; `wallLeadsPerSecond` is the whole
 * run by the wall clock.
 */
export async function measureScoringThroughput(): Promise<{
  leadsPerSecond: number;
  leads: number;
  wallLeadsPerSecond: number;
}> {
  const batch = buildLeads();
  let model = emptyScoringModel();
  for (let i = 0; i < 200; i++) {
    model = recordOutcome(
      model,
      {
        values: {
          content: (i % 5) / 4,
          engagement: (i % 3) / 2,
          timing: (i % 4) / 3,
          source: 0.6,
          profile: 0.5,
        },
        signals: [SIGNALS[i % SIGNALS.length]!, SIGNALS[(i * 7) % SIGNALS.length]!, 'source.portal'],
      },
      i % 4 === 0 ? 'converted' : 'lost',
    );
  }
  const now = new Date(START + 60 * 86_400_000);
  const scoreAll = async () => {
    let checksum = 0;
    for (const { lead, interactions } of batch) {
      const result = await scoreLead({
        lead,
        interactions,
        agentTimeZone: 'America/New_York',
        typicalLocalBudget: 520_000,
        model,
        analyzer: heuristicContentAnalyzer,
        now,
      });
      checksum += result.score;
    }
    return checksum;
  };

  for (let round = 0; round < WARM_UP_ROUNDS; round++) await scoreAll();
  const rates: number[] = [];
  const started = performance.now();
  let checksum = 0;
  for (let round = 0; round < MEASURED_ROUNDS; round++) {
    const cpuBefore = process.cpuUsage();
    checksum += await scoreAll();
    const cpu = process.cpuUsage(cpuBefore);
    rates.push(batch.length / ((cpu.user + cpu.system) / 1e6));
  }
  const wallSeconds = (performance.now() - started) / 1000;
  // Every score is 1..100, so a zero sum means nothing was scored.
  if (checksum === 0) throw new Error('no lead was scored');
  rates.sort((a, b) => a - b);
  const leads = batch.length * MEASURED_ROUNDS;
  return {
    leadsPerSecond: Math.round(rates[Math.floor(rates.length / 2)]!),
    leads,
    wallLeadsPerSecond: Math.round(leads / wallSeconds),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { leadsPerSecond, leads, wallLeadsPerSecond } = await measureScoringThroughput();
  console.log(
    `heuristic scoring: ${leadsPerSecond.toLocaleString('en-US')} leads per CPU-second on one core (median round) ` +
      `(${wallLeadsPerSecond.toLocaleString('en-US')}/s by the wall clock; ${leads} leads)`,
  );
  console.log(`budget >= 20,000 leads/s: ${leadsPerSecond >= 20_000 ? 'met' : 'MISSED'}`);
}
