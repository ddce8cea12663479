import type { EntityItem } from 'electrodb';
import { ulid } from 'ulid';
import type { interactionEntity } from '../../lambdas/adapters/dynamodb/entities/interaction';
import type { leadEntity } from '../../lambdas/adapters/dynamodb/entities/lead';
import type { taskEntity } from '../../lambdas/adapters/dynamodb/entities/task';
import type { CrmService } from '../../lambdas/adapters/dynamodb/service';
import { brokerageScope } from '../../lambdas/domain/activity/activity-change';
import { counterNames } from '../../lambdas/domain/analytics/counter-names';
import { temperatureFor } from '../../lambdas/domain/scoring/temperature-for';

type Lead = EntityItem<typeof leadEntity>;
type Interaction = EntityItem<typeof interactionEntity>;
type Task = EntityItem<typeof taskEntity>;

/** Items written by the real use cases, cloned with new ids, names, scores and times. */
export interface SeedTemplates {
  lead: Lead;
  interactions: Interaction[];
  task: Task;
}

export interface SeedPlan {
  agentId: string;
  leads: number;
}

const day = 86_400_000;
/** Batch writes in flight per kind of item. */
const concurrency = 4;

/** A small deterministic generator, so two runs seed the same table. */
const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

const putAll = async <T>(write: (batch: T[]) => Promise<{ unprocessed: unknown[] }>, items: T[]) => {
  for (let start = 0; start < items.length; start += 500) {
    const { unprocessed } = await write(items.slice(start, start + 500));
    if (unprocessed.length > 0) throw new Error(`${unprocessed.length} items were not written`);
  }
};

/**
 * Seeds many agents' leads at once with batch writes (25 items a request, several requests in flight):
 * each lead with its timeline (the template's interactions) and one lead in four with an open task due
 * between three days ago and a week ahead. Leads were created over the last 60 days.
 */
export const seedAtScale = async (
  service: CrmService,
  templates: SeedTemplates,
  plans: SeedPlan[],
  now = Date.now(),
): Promise<{ leads: number; items: number; sampleLeadOf: Record<string, string> }> => {
  const next = random(42);
  const {
    lead: leads_,
    interaction,
    task,
    changeFeedEntry,
    changeFeedHead,
    activityCounter,
    openLeadCount,
  } = service.entities;
  const { brokerageId } = templates.lead;
  const brokerageCounts = { hot: 0, warm: 0, cold: 0 };
  let leadCount = 0;
  let items = 0;
  const sampleLeadOf: Record<string, string> = {};
  for (const { agentId, leads } of plans) {
    const leadItems: Lead[] = [];
    const interactionItems: Interaction[] = [];
    const taskItems: Task[] = [];
    for (let i = 0; i < leads; i++) {
      const createdAt = now - Math.floor(next() * 60 * day);
      const leadId = ulid(createdAt);
      const score = Math.floor(next() * 101);
      const stamp = new Date(createdAt).toISOString();
      const { phone: _phone, email: _email, waId: _waId, ...lead } = templates.lead;
      leadItems.push({
        ...lead,
        leadId,
        agentId,
        name: `Bench Lead ${agentId.slice(0, 6)} ${i}`,
        score,
        temperature: temperatureFor(score),
        createdAt: stamp,
        updatedAt: stamp,
        scoredAt: stamp,
      });
      templates.interactions.forEach((template, n) => {
        const occurredAt = new Date(createdAt + n * 3_600_000).toISOString();
        interactionItems.push({
          ...template,
          leadId,
          interactionId: ulid(createdAt + n * 3_600_000),
          occurredAt,
        });
      });
      if (i % 4 === 0) {
        const dueAt = new Date(now + Math.floor((next() * 10 - 3) * day)).toISOString();
        taskItems.push({
          ...templates.task,
          taskId: ulid(createdAt),
          leadId,
          agentId,
          dueAt,
          createdAt: stamp,
          updatedAt: stamp,
        });
      }
    }
    // What the activity stream consumer would have kept: the agent's change feed (one entry a lead) and
    // 60 days of analytics counters.
    const expiresAt = Math.floor(now / 1000) + 90 * 86_400;
    const feed = leadItems.map((lead, index) => ({
      agentId,
      position: index + 1,
      kind: 'lead' as const,
      entityId: lead.leadId,
      leadId: lead.leadId,
      op: 'upsert' as const,
      changedAt: lead.updatedAt,
      expiresAt,
    }));
    const days = Array.from({ length: 60 }, (_, n) => ({
      scope: agentId,
      day: new Date(now - n * day).toISOString().slice(0, 10),
      ...Object.fromEntries(counterNames.map((name) => [name, Math.floor(next() * Math.max(1, leads / 60))])),
    }));
    // And the dashboard's open-lead counts (all seeded leads are worked). The bench runs no stream consumer,
    // so the per-lead marks it would keep beside them are left out: the dashboard reads only the counts.
    const counts = { hot: 0, warm: 0, cold: 0 };
    for (const lead of leadItems) counts[lead.temperature] += 1;
    for (const t of ['hot', 'warm', 'cold'] as const) brokerageCounts[t] += counts[t];
    // Every kind of item at once: DynamoDB Local takes several batch writes in flight.
    await Promise.all([
      putAll((batch) => changeFeedEntry.put(batch).go({ concurrency }), feed),
      changeFeedHead.put({ agentId, position: feed.length, updatedAt: new Date(now).toISOString() }).go(),
      putAll((batch) => activityCounter.put(batch).go({ concurrency }), days),
      openLeadCount.put({ scope: agentId, brokerageId, ...counts }).go(),
      putAll((batch) => leads_.put(batch).go({ concurrency }), leadItems),
      putAll((batch) => interaction.put(batch).go({ concurrency }), interactionItems),
      putAll((batch) => task.put(batch).go({ concurrency }), taskItems),
    ]);
    items += feed.length + days.length + 2;
    leadCount += leadItems.length;
    if (leadItems[0]) sampleLeadOf[agentId] = leadItems[0].leadId;
    items += leadItems.length + interactionItems.length + taskItems.length;
  }
  await openLeadCount
    .put({
      scope: brokerageScope(brokerageId),
      brokerageId,
      ...brokerageCounts,
      seededAt: new Date(now).toISOString(),
    })
    .go();
  return { leads: leadCount, items: items + 1, sampleLeadOf };
};
