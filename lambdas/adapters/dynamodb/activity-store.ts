import { setTimeout as sleep } from 'node:timers/promises';
import type { ActivityStore, ActivityWrite, FeedChange } from '../../ports/activity-store';
import { leadFactsOf } from './activity-stream-record';
import { openLeadMoveItems, readOpenLeadMark } from './open-lead-counts';
import type { CrmService } from './service';

const DAY = 86_400;
/** A stream record is handed over for 24 hours at most; its receipt outlives that. */
const RECEIPT_SECONDS = 3 * DAY;
const FEED_SECONDS = 90 * DAY;
const MARK_SECONDS = 540 * DAY;
const MAX_ATTEMPTS = 8;

const epoch = (iso: string, plus: number) => Math.floor(Date.parse(iso) / 1000) + plus;

/**
 * The activity consumer's table side. One record's feed entries, counters, marks and open-lead move go in one
 * transaction with the record's receipt; each agent's entries take the positions after the feed's
 * head, with the head moved in the same transaction on condition it is still where it was read.
 */
export const createActivityStore = (service: CrmService): ActivityStore => {
  const { changeFeedHead: heads, lead: leads, followUpRun: runs, activityMark: marks } = service.entities;

  const headOf = async (agentId: string) =>
    (await heads.get({ agentId }).go({ consistent: true })).data?.position ?? 0;

  const attempt = async (activity: ActivityWrite) => {
    const byAgent = new Map<string, FeedChange[]>();
    for (const change of activity.feed)
      byAgent.set(change.agentId, [...(byAgent.get(change.agentId) ?? []), change]);
    const agents = [...byAgent.keys()];
    const read = await Promise.all(agents.map(headOf));
    const result = await service.transaction
      .write(({ receipt, changeFeedHead, changeFeedEntry, activityCounter, activityMark, ...entities }) => [
        receipt
          .create({
            scope: 'activity',
            key: activity.receiptId,
            createdAt: activity.at,
            expiresAt: epoch(new Date().toISOString(), RECEIPT_SECONDS),
          })
          .commit(),
        ...agents.map((agentId, index) => {
          const from = read[index] ?? 0;
          return changeFeedHead
            .update({ agentId })
            .set({ position: from + (byAgent.get(agentId)?.length ?? 0), updatedAt: activity.at })
            .where((attr, op) => (from === 0 ? op.notExists(attr.position) : op.eq(attr.position, from)))
            .commit();
        }),
        ...agents.flatMap((agentId, index) =>
          (byAgent.get(agentId) ?? []).map((change, offset) =>
            changeFeedEntry
              .create({
                agentId,
                position: (read[index] ?? 0) + offset + 1,
                kind: change.kind,
                entityId: change.entityId,
                ...(change.leadId && { leadId: change.leadId }),
                op: change.op,
                changedAt: change.changedAt,
                expiresAt: epoch(change.changedAt, FEED_SECONDS),
              })
              .commit(),
          ),
        ),
        ...activity.counters.map(({ scope, day, counts }) =>
          activityCounter.update({ scope, day }).add(counts).commit(),
        ),
        ...(activity.openLead ? openLeadMoveItems(entities, activity.openLead) : []),
        ...activity.marks.map(({ leadId, mark, at }) =>
          activityMark.create({ leadId, mark, at, expiresAt: epoch(at, MARK_SECONDS) }).commit(),
        ),
      ])
      .go();
    if (!result.canceled) return 'written' as const;
    // One cancellation reason per item, in the order given: receipt, heads, entries, counters, open-lead
    // counts, the open-lead mark, marks.
    const codes = (result.data as ReadonlyArray<{ code?: string }>).map((item) => item.code ?? 'None');
    if (codes[0] === 'ConditionalCheckFailed') return 'duplicate' as const;
    const marksFrom = codes.length - activity.marks.length - (activity.openLead ? 1 : 0);
    if (codes.slice(marksFrom).includes('ConditionalCheckFailed')) return 'marks_taken' as const;
    if (codes.includes('ConditionalCheckFailed') || codes.includes('TransactionConflict'))
      return 'retry' as const;
    throw new Error(`Writing activity was cancelled (${codes.join(', ')})`);
  };

  return {
    async write(activity) {
      for (let tries = 1; ; tries++) {
        const outcome = await attempt(activity);
        if (outcome !== 'retry') return outcome;
        // Another record of the same agent moved the head first: read it again after a jittered pause.
        if (tries >= MAX_ATTEMPTS) throw new Error('The change feed head kept moving; the record is retried');
        await sleep(Math.random() * 20 * tries);
      }
    },

    async leadFacts(leadId) {
      const { data } = await leads.get({ leadId }).go({ consistent: true });
      if (!data) return undefined;
      const facts = leadFactsOf(data as unknown as Record<string, unknown>);
      if (!facts) return undefined;
      const { updatedAt: _, ...rest } = facts;
      return rest;
    },

    async leadOfRun(enrollmentId) {
      return (await runs.get({ enrollmentId }).go()).data?.leadId;
    },

    async marksOf(leadId) {
      const { data } = await marks.query.byLead({ leadId }).go({ consistent: true, pages: 'all' });
      return new Map(data.map((item) => [item.mark, item.at]));
    },

    openLeadMark: (leadId) => readOpenLeadMark(service, leadId),
  };
};
