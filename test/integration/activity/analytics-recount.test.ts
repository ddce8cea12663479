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
/** What the run did that the table does not keep: each lead's status moves (the funnel). */
const statusMoves: Array<{ agentId: string; status: string }> = [];

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
      statusMoves.push({ agentId, status });
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
      if (status !== existing.status) statusMoves.push({ agentId: existing.agentId, status });
      existing.status = status;
      existing.closed = closing;
    }
  }
};

type Item = Record<string, unknown>;

/** The counters recounted from the table's raw items (and the run's status moves), by a rule of their own. */
const recount = (items: Item[], agentId: string): Counts => {
  const counts: Counts = {};
  const add = (name: string, by = 1) => {
    counts[name] = (counts[name] ?? 0) + by;
  };
  const leads = new Map(
    items.filter((i) => i.__edb_e__ === 'lead' && i.agentId === agentId).map((l) => [l.leadId as string, l]),
  );
  for (const lead of leads.values()) {
    add(counterName.leadsCreated);
    add(counterName.createdBySource(lead.source as string));
    add(counterName.createdByTemperature(lead.temperature as string));
    const outcome = (lead.outcome as { result?: string } | undefined)?.result;
    if (outcome) {
      const band = bandOf(lead.score as number);
      add(counterName.closedInBand(band));
      add(counterName.scoreSumInBand(band), lead.score as number);
      if (outcome === 'converted') {
        add(counterName.convertedInBand(band));
        add(counterName.convertedBySource(lead.source as string));
        add(counterName.convertedByTemperature(lead.temperature as string));
      }
    }
  }
  for (const move of statusMoves.filter((m) => m.agentId === agentId))
    add(counterName.statusEntered(move.status));
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
      if (item.__edb_e__ === 'interaction' && item.direction === 'outbound') {
        if (item.type === 'whatsapp') {
          add(counterName.whatsAppSent);
          if (item.deliveryStatus === 'delivered' || item.deliveryStatus === 'read')
            add(counterName.whatsAppDelivered);
          if (item.deliveryStatus === 'failed') add(counterName.whatsAppFailed);
        }
        if (!messaged.has(item.type as string))
          add(counterName.messaged(item.type as string, lead.source as string));
        messaged.add(item.type as string);
        if (!responded) {
          const minutes =
            (Date.parse(item.occurredAt as string) - Date.parse(lead.createdAt as string)) / 60_000;
          add(counterName.firstResponse(responseBucketOf(minutes)));
        }
        responded = true;
      }
      if (
        item.__edb_e__ === 'leadEvent' &&
        messaged.has(item.channel as string) &&
        !replied.has(item.channel as string)
      ) {
        replied.add(item.channel as string);
        add(counterName.replied(item.channel as string, lead.source as string));
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
