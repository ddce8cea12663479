import type { Temperature } from '../../../schemas/api/leads';
import { brokerageScope } from '../../domain/activity/activity-change';
import type { OpenLeadMark, OpenLeadMove } from '../../ports/activity-store';
import type { OpenLeadRecountStore, VersionedLead } from '../../ports/open-lead-counts';
import { leadFactsOf } from './activity-stream-record';
import type { CrmService } from './service';

type TransactionEntities = Parameters<Parameters<CrmService['transaction']['write']>[0]>[0];

/** Each count's change of some moves, by scope: -1 where a lead leaves, +1 where it enters, zeros left out. */
const deltasOf = (moves: OpenLeadMove[]) => {
  type Counts = Partial<Record<Temperature, number>>;
  const deltas = new Map<string, { brokerageId: string; counts: Counts }>();
  const add = (brokerageId: string, scope: string, temperature: Temperature, by: number) => {
    const counts: Counts = deltas.get(scope)?.counts ?? {};
    counts[temperature] = (counts[temperature] ?? 0) + by;
    if (counts[temperature] === 0) delete counts[temperature];
    deltas.set(scope, { brokerageId, counts });
  };
  for (const { brokerageId, from, to } of moves) {
    for (const [bucket, by] of [
      [from, -1],
      [to, 1],
    ] as const) {
      if (!bucket) continue;
      add(brokerageId, bucket.agentId, bucket.temperature, by);
      add(brokerageId, brokerageScope(brokerageId), bucket.temperature, by);
    }
  }
  return [...deltas].filter(([, { counts }]) => Object.keys(counts).length > 0);
};

type CountEntities = Pick<TransactionEntities, 'openLeadCount' | 'openLeadMark'>;

/** The counts some moves change, one update per scope. */
export const openLeadCountItems = ({ openLeadCount }: CountEntities, moves: OpenLeadMove[]) =>
  deltasOf(moves).map(([scope, { brokerageId, counts }]) =>
    openLeadCount.update({ scope }).add(counts).set({ brokerageId }).commit(),
  );

/** The lead's mark put (or deleted when it leaves every count), on condition it is still at the revision read. */
export const openLeadMarkItem = ({ openLeadMark }: CountEntities, move: OpenLeadMove) => {
  const atRevision = (
    attr: { revision: number },
    op: { eq: (a: number, v: number) => string; notExists: (a: number) => string },
  ) => (move.revision === 0 ? op.notExists(attr.revision) : op.eq(attr.revision, move.revision));
  return move.to
    ? openLeadMark
        .put({ leadId: move.leadId, ...move.to, revision: move.revision + 1 })
        .where(atRevision)
        .commit()
    : openLeadMark.delete({ leadId: move.leadId }).where(atRevision).commit();
};

/** A move's transaction items: the counts it changes, then the lead's mark, always last. */
export const openLeadMoveItems = (entities: CountEntities, move: OpenLeadMove) => [
  ...openLeadCountItems(entities, [move]),
  openLeadMarkItem(entities, move),
];

export const readOpenLeadMark = async (service: CrmService, leadId: string): Promise<OpenLeadMark> => {
  const { data } = await service.entities.openLeadMark.get({ leadId }).go({ consistent: true });
  return data
    ? { bucket: { agentId: data.agentId, temperature: data.temperature }, revision: data.revision }
    : { revision: 0 };
};

const versioned = (item: Record<string, unknown>): VersionedLead | undefined => {
  const facts = leadFactsOf(item);
  if (!facts || typeof item.version !== 'number') return undefined;
  const { updatedAt: _, ...rest } = facts;
  return { facts: rest, version: item.version };
};

/** The recount's table side: a brokerage's leads page by page (gsi4), and each move guarded by the lead's version. */
export const createOpenLeadRecountStore = (service: CrmService): OpenLeadRecountStore => {
  const { lead, openLeadCount } = service.entities;
  return {
    async leadsOf(brokerageId, cursor) {
      const page = await lead.query.byBrokerageNewest({ brokerageId }).go({ cursor, limit: 100 });
      return {
        items: page.data.flatMap((item) => versioned(item as unknown as Record<string, unknown>) ?? []),
        nextCursor: page.cursor,
      };
    },
    async lead(leadId) {
      const { data } = await lead.get({ leadId }).go({ consistent: true });
      return data ? versioned(data as unknown as Record<string, unknown>) : undefined;
    },
    openLeadMark: (leadId) => readOpenLeadMark(service, leadId),
    async move(moves) {
      if (moves.length === 0) return 'moved';
      const result = await service.transaction
        .write((entities) => [
          ...moves.flatMap(({ move, version }) => [
            entities.lead
              .check({ leadId: move.leadId })
              .where((attr, op) => `${op.eq(attr.version, version)} AND ${op.notExists(attr.erasing)}`)
              .commit(),
            openLeadMarkItem(entities, move),
          ]),
          ...openLeadCountItems(
            entities,
            moves.map(({ move }) => move),
          ),
        ])
        .go();
      if (!result.canceled) return 'moved';
      const codes = (result.data as ReadonlyArray<{ code?: string }>).map((item) => item.code ?? 'None');
      if (codes.includes('ConditionalCheckFailed') || codes.includes('TransactionConflict')) return 'changed';
      throw new Error(`Counting the lead was cancelled (${codes.join(', ')})`);
    },
    async markSeeded(brokerageId, at) {
      await openLeadCount
        .update({ scope: brokerageScope(brokerageId) })
        .set({ brokerageId, seededAt: at })
        .go();
    },
  };
};
