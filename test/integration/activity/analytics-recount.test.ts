import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivityStore } from '../../../lambdas/adapters/dynamodb/activity-store';
import { createAnalyticsCounters } from '../../../lambdas/adapters/dynamodb/analytics-counters';
import { createDocumentClient } from '../../../lambdas/adapters/dynamodb/document-client';
import { type CrmService, createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import {
  bandOf,
  type Counts,
  counterName,
  counterNames,
  responseBucketOf,
} from '../../../lambdas/domain/analytics/counter-names';
import type { StreamPoller } from '../../../lib/local/stream-poller';
import { leadSources, leadStatuses, temperatures } from '../../../schemas/api/leads';
import { startTestActivity } from '../../helpers/activity';
import { createTestTable, scanTable } from '../../helpers/dynamodb';

/** A seeded generator (mulberry32): the same run every time, a different one by changing the seed. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

const agents = ['agent-recount-1', 'agent-recount-2'];
const brokerageId = 'brokerage-recount';
const start = Date.parse('2026-11-02T09:00:00.000Z');
const id = (n: number) => `01JD7Q3M2Y9V1X8K4T6R${String(n).padStart(6, '0')}`;

let crm: CrmService;
let tableName: string;
let activity: StreamPoller;
/** The brokerage's zone (UTC+4): its midnight is 20:00 UTC, so a local day is not a UTC day. */
const timeZone = 'Asia/Dubai';
/** What the run did that the table does not keep: each lead's status moves (the funnel), and when. */
const statusMoves: Array<{ agentId: string; status: string; at: string }> = [];

/** Creates, messages, deliveries, replies, status moves and outcomes, in a seeded random order. */
const randomRun = async (random: () => number, steps: number) => {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const leads: Array<{ leadId: string; agentId: string; status: string; closed: boolean; clock: number }> =
    [];
  const outbound: Array<{ leadId: string; interactionId: string; delivered: boolean }> = [];
  const { lead, interaction, leadEvent } = crm.entities;
  let next = 0;
  for (let step = 0; step < steps; step++) {
    const roll = random();
    const existing = leads.length > 0 ? pick(leads) : undefined;
    if (!existing || roll < 0.2) {
      const agentId = pick(agents);
      const createdAt = new Date(start + Math.floor(random() * 10 * 86_400_000)).toISOString();
      const status = 'new';
      const leadId = id(next++);
      await lead
        .create({
          leadId,
          agentId,
          brokerageId,
          name: 'Dana Test',
          source: pick(leadSources),
          status,
          temperature: pick(temperatures),
          temperatureSetBy: 'score',
          score: 1 + Math.floor(random() * 100),
          tags: [],
          engagement: { likes: 0, shares: 0, comments: 0, replies: 0 },
          version: 1,
          createdAt,
          updatedAt: createdAt,
        })
        .go();
      statusMoves.push({ agentId, status, at: createdAt });
      leads.push({ leadId, agentId, status, closed: false, clock: Date.parse(createdAt) });
      continue;
    }
    // Each lead's own clock moves forward: minutes to hours between its events.
    existing.clock += (1 + Math.floor(random() * 180)) * 60_000;
    const at = new Date(existing.clock).toISOString();
    if (roll < 0.5) {
      const channel = pick(['whatsapp', 'email', 'call'] as const);
      const interactionId = id(next++);
      await interaction
        .create({
          leadId: existing.leadId,
          interactionId,
          type: channel,
          direction: 'outbound',
          occurredAt: at,
          ...(channel === 'whatsapp' && { deliveryStatus: 'sent' as const }),
        })
        .go();
      if (channel === 'whatsapp') outbound.push({ leadId: existing.leadId, interactionId, delivered: false });
    } else if (roll < 0.6 && outbound.length > 0) {
      const message = pick(outbound);
      const status = message.delivered ? 'read' : pick(['delivered', 'failed'] as const);
      await interaction
        .patch({ leadId: message.leadId, interactionId: message.interactionId })
        .set({ deliveryStatus: status })
        .go();
      message.delivered = true;
      // A status never moves backwards: a failed or read message gets no further status.
      if (status !== 'delivered') outbound.splice(outbound.indexOf(message), 1);
    } else if (roll < 0.8) {
      const channel = pick(['whatsapp', 'email'] as const);
      await interaction
        .create({
          leadId: existing.leadId,
          interactionId: id(next++),
          type: channel,
          direction: 'inbound',
          occurredAt: at,
        })
        .go();
      await leadEvent
        .create({
          leadId: existing.leadId,
          eventId: id(next++),
          type: 'lead.replied',
          channel,
          occurredAt: at,
        })
        .go();
    } else if (!existing.closed) {
      const closing = roll > 0.92;
      const status = closing ? pick(['converted', 'lost'] as const) : pick(leadStatuses.slice(1, 5));
      await lead
        .patch({ leadId: existing.leadId })
        .set({ status, updatedAt: at, ...(closing && { outcome: { result: status, at } }) })
        .go();
      if (status !== existing.status) statusMoves.push({ agentId: existing.agentId, status, at });
      existing.status = status;
      existing.closed = closing;
    }
  }
};

type Item = Record<string, unknown>;

/** The calendar day of a time in the brokerage's zone, by a rule of its own. */
const localDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );

/** Counters whose day is when a status arrived (the stream's clock, not the run's): left out of per-day sums. */
const deliveryCounters = new Set<string>([counterName.whatsAppDelivered, counterName.whatsAppFailed]);

/**
 * The counters recounted from the table's raw items (and the run's status moves), by a rule of their own;
 * with `day`, only what happened on that local day.
 */
const recount = (items: Item[], agentId: string, day?: string): Counts => {
  const counts: Counts = {};
  const add = (name: string, by = 1, at?: string) => {
    if (day !== undefined && (at === undefined || localDay(at) !== day)) return;
    counts[name] = (counts[name] ?? 0) + by;
  };
  const leads = new Map(
    items.filter((i) => i.__edb_e__ === 'lead' && i.agentId === agentId).map((l) => [l.leadId as string, l]),
  );
  for (const lead of leads.values()) {
    const created = lead.createdAt as string;
    add(counterName.leadsCreated, 1, created);
    add(counterName.createdBySource(lead.source as string), 1, created);
    add(counterName.createdByTemperature(lead.temperature as string), 1, created);
    const outcome = lead.outcome as { result?: string; at?: string } | undefined;
    if (outcome?.result) {
      const band = bandOf(lead.score as number);
      add(counterName.closedInBand(band), 1, outcome.at);
      add(counterName.scoreSumInBand(band), lead.score as number, outcome.at);
      if (outcome.result === 'converted') {
        add(counterName.convertedInBand(band), 1, outcome.at);
        add(counterName.convertedBySource(lead.source as string), 1, outcome.at);
        add(counterName.convertedByTemperature(lead.temperature as string), 1, outcome.at);
      }
    }
  }
  for (const move of statusMoves.filter((m) => m.agentId === agentId))
    add(counterName.statusEntered(move.status), 1, move.at);
  // Per lead, its timeline and replies in order: the first message on a channel, the first reply after it.
  const byLead = (leadId: string) =>
    items
      .filter((i) => i.leadId === leadId && (i.__edb_e__ === 'interaction' || i.__edb_e__ === 'leadEvent'))
      .sort(
        (a, b) =>
          String(a.occurredAt).localeCompare(String(b.occurredAt)) ||
          (a.__edb_e__ === 'interaction' ? -1 : 1),
      );
  for (const [leadId, lead] of leads) {
    const messaged = new Set<string>();
    const replied = new Set<string>();
    let responded = false;
    for (const item of byLead(leadId)) {
      const at = item.occurredAt as string;
      if (item.__edb_e__ === 'interaction' && item.direction === 'outbound') {
        if (item.type === 'whatsapp') {
          add(counterName.whatsAppSent, 1, at);
          if (day === undefined && (item.deliveryStatus === 'delivered' || item.deliveryStatus === 'read'))
            add(counterName.whatsAppDelivered);
          if (day === undefined && item.deliveryStatus === 'failed') add(counterName.whatsAppFailed);
        }
        if (!messaged.has(item.type as string))
          add(counterName.messaged(item.type as string, lead.source as string), 1, at);
        messaged.add(item.type as string);
        if (!responded) {
          const minutes = (Date.parse(at) - Date.parse(lead.createdAt as string)) / 60_000;
          add(counterName.firstResponse(responseBucketOf(minutes)), 1, at);
        }
        responded = true;
      }
      if (
        item.__edb_e__ === 'leadEvent' &&
        messaged.has(item.channel as string) &&
        !replied.has(item.channel as string)
      ) {
        replied.add(item.channel as string);
        add(counterName.replied(item.channel as string, lead.source as string), 1, at);
      }
    }
  }
  return counts;
};

const only = (counts: Counts) =>
  Object.fromEntries(
    counterNames.filter((name) => (counts[name] ?? 0) !== 0).map((name) => [name, counts[name]]),
  );

describe('analytics counters', () => {
  beforeAll(async () => {
    ({ tableName } = await createTestTable());
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      DEFAULT_TIMEZONE: timeZone,
    });
    crm = createCrmService(
      createDocumentClient({ region: 'us-east-1', endpoint: inject('dynamoEndpoint') }),
      tableName,
    );
    activity = await startTestActivity(tableName);
    await randomRun(seeded(20261102), 150);
    await activity.drained();
  }, 300_000);

  afterAll(async () => {
    await activity?.stop();
  });

  it('equal a recount from the raw data after a randomized run of creates, messages, replies and outcomes', async () => {
    const items = await scanTable(tableName);
    const counters = createAnalyticsCounters(crm);
    for (const agentId of agents) {
      const kept = await counters.sum(agentId, '2026-01-01', '2027-12-31');
      expect(only(kept)).toEqual(only(recount(items, agentId)));
      expect(kept[counterName.leadsCreated]).toBeGreaterThan(5);
    }
    // The brokerage's day counters are the agents' added together.
    const both = only(
      Object.fromEntries(
        counterNames.map((name) => [
          name,
          agents.reduce((sum, a) => sum + (recount(items, a)[name] ?? 0), 0),
        ]),
      ),
    );
    expect(only(await counters.sum(`brokerage#${brokerageId}`, '2026-01-01', '2027-12-31'))).toEqual(both);
  });

  it('keep each day as the brokerage’s local day, across local midnights that are not UTC midnights', async () => {
    const items = await scanTable(tableName);
    const counters = createAnalyticsCounters(crm);
    const times = items.flatMap((i) =>
      [i.createdAt, i.occurredAt].filter((t): t is string => typeof t === 'string' && t >= '2026-11'),
    );
    // Some of what happened falls between 20:00 and midnight UTC: already the next day in Dubai.
    expect(times.some((t) => localDay(t) !== t.slice(0, 10))).toBe(true);
    const days = [...new Set(times.map(localDay))].sort();
    expect(days.length).toBeGreaterThan(5);
    for (const agentId of agents) {
      for (const day of days) {
        const kept = only(await counters.sum(agentId, day, day));
        for (const name of deliveryCounters) delete kept[name];
        expect({ day, ...kept }).toEqual({ day, ...only(recount(items, agentId, day)) });
      }
    }
  });

  it('count nothing twice when the whole stream is delivered again', async () => {
    const counters = createAnalyticsCounters(crm);
    const before = await counters.sum(agents[0] as string, '2026-01-01', '2027-12-31');
    const again = await startTestActivity(tableName, 'test-activity-redelivery');
    await again.drained();
    await again.stop();
    expect(await counters.sum(agents[0] as string, '2026-01-01', '2027-12-31')).toEqual(before);
  }, 300_000);

  it('reads a lead’s facts without its words or contact details', async () => {
    const store = createActivityStore(crm);
    const facts = await store.leadFacts(id(0));
    expect(facts).toBeDefined();
    expect(JSON.stringify(facts)).not.toContain('Dana');
  });
});
