import { brokerageScope } from '../../../../lambdas/domain/activity/activity-change';
import type {
  ActivityStore,
  ActivityWrite,
  LeadFacts,
  OpenLeadBucket,
  OpenLeadMark,
  OpenLeadMove,
} from '../../../../lambdas/ports/activity-store';
import type { OpenLeadRecountStore, VersionedLead } from '../../../../lambdas/ports/open-lead-counts';
import type { Temperature } from '../../../../schemas/api/leads';

export const brokerageId = 'brokerage-counts';

export const leadFacts = (leadId: string, overrides: Partial<LeadFacts> = {}): LeadFacts => ({
  leadId,
  agentId: 'agent-a',
  brokerageId,
  source: 'website',
  status: 'new',
  temperature: 'warm',
  score: 55,
  createdAt: '2026-11-20T15:00:00.000Z',
  ...overrides,
});

/**
 * The table as the activity consumer and the recount see it, in memory: leads with versions, each lead's
 * open-lead mark with its revision, the counts by scope, the receipts of records written, each lead's
 * "counted once" marks, whose lead each follow-up run is for, and every write that was taken. Writes keep
 * the same conditions the DynamoDB adapters put on them.
 */
export const openLeadWorld = () => {
  const leads = new Map<string, VersionedLead>();
  const marks = new Map<string, { bucket: OpenLeadBucket; revision: number }>();
  const counts = new Map<string, Record<Temperature, number>>();
  const receipts = new Set<string>();
  const seeded: string[] = [];
  const activityMarks = new Map<string, Map<string, string>>();
  const runs = new Map<string, string>();
  const writes: ActivityWrite[] = [];

  const countsOf = (scope: string) => counts.get(scope) ?? { hot: 0, warm: 0, cold: 0 };
  const markOf = (leadId: string): OpenLeadMark => marks.get(leadId) ?? { revision: 0 };
  const markHolds = (move: OpenLeadMove) => markOf(move.leadId).revision === move.revision;
  const apply = (move: OpenLeadMove) => {
    const add = (bucket: OpenLeadBucket | undefined, by: number) => {
      if (!bucket) return;
      for (const scope of [bucket.agentId, brokerageScope(move.brokerageId)]) {
        const current = countsOf(scope);
        counts.set(scope, { ...current, [bucket.temperature]: current[bucket.temperature] + by });
      }
    };
    add(move.from, -1);
    add(move.to, 1);
    if (move.to) marks.set(move.leadId, { bucket: move.to, revision: move.revision + 1 });
    else marks.delete(move.leadId);
  };

  const activity: ActivityStore = {
    async write(write: ActivityWrite) {
      if (receipts.has(write.receiptId)) return 'duplicate';
      if (write.openLead && !markHolds(write.openLead)) return 'marks_taken';
      receipts.add(write.receiptId);
      if (write.openLead) apply(write.openLead);
      for (const { leadId, mark, at } of write.marks)
        activityMarks.set(leadId, new Map(activityMarks.get(leadId)).set(mark, at));
      writes.push(structuredClone(write));
      return 'written';
    },
    leadFacts: async (leadId) => leads.get(leadId)?.facts,
    leadOfRun: async (enrollmentId) => runs.get(enrollmentId),
    marksOf: async (leadId) => new Map(activityMarks.get(leadId)),
    openLeadMark: async (leadId) => markOf(leadId),
  };

  const recount: OpenLeadRecountStore = {
    async leadsOf() {
      return { items: [...leads.values()], nextCursor: null };
    },
    lead: async (leadId) => leads.get(leadId),
    openLeadMark: async (leadId) => markOf(leadId),
    async move(moves) {
      // As the port says and the table enforces (100 items a transaction): at most 25 moves at once.
      if (moves.length > 25) throw new Error(`A transaction of ${moves.length} moves is too large`);
      const holds = moves.every(({ move, version }) => {
        const lead = leads.get(move.leadId);
        return lead?.version === version && !lead.facts.erasing && markHolds(move);
      });
      if (!holds) return 'changed';
      for (const { move } of moves) apply(move);
      return 'moved';
    },
    async markSeeded(id) {
      seeded.push(id);
    },
  };

  /** Writes a lead's next state, as a guarded lead write does, and returns its stream change. */
  const write = (leadId: string, next: Partial<LeadFacts> | undefined) => {
    const before = leads.get(leadId);
    if (next === undefined) {
      leads.delete(leadId);
    } else {
      const facts = { ...(before?.facts ?? leadFacts(leadId)), ...next };
      leads.set(leadId, { facts, version: (before?.version ?? 0) + 1 });
    }
    return {
      kind: 'lead' as const,
      ...(before && { before: before.facts }),
      ...(next !== undefined && { after: leads.get(leadId)?.facts }),
      at: '2026-12-01T10:00:00.000Z',
    };
  };

  /** The counts a full recount from the leads as they are would give, by scope. */
  const truth = () => {
    const expected = new Map<string, Record<Temperature, number>>();
    for (const { facts } of leads.values()) {
      if (facts.erasing || facts.status === 'converted' || facts.status === 'lost') continue;
      for (const scope of [facts.agentId, brokerageScope(facts.brokerageId)]) {
        const current = expected.get(scope) ?? { hot: 0, warm: 0, cold: 0 };
        expected.set(scope, { ...current, [facts.temperature]: current[facts.temperature] + 1 });
      }
    }
    return expected;
  };

  /** The kept counts, scopes at zero left out (as a recount has none for them). */
  const kept = () => new Map([...counts].filter(([, c]) => c.hot !== 0 || c.warm !== 0 || c.cold !== 0));

  /** The day counters written for a scope, summed by `day|counter`. */
  const countersOf = (scope: string) => {
    const sums: Record<string, number> = {};
    for (const increment of writes.flatMap((w) => w.counters).filter((c) => c.scope === scope))
      for (const [name, n] of Object.entries(increment.counts))
        sums[`${increment.day}|${name}`] = (sums[`${increment.day}|${name}`] ?? 0) + n;
    return sums;
  };

  return {
    leads,
    marks,
    countsOf,
    seeded,
    activity,
    timeZone: 'UTC',
    recount,
    write,
    truth,
    kept,
    activityMarks,
    runs,
    writes,
    countersOf,
  };
};
