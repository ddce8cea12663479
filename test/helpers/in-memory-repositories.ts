import * as z from 'zod';
import { NotFoundError, StaleVersionError, ValidationError } from '../../lambdas/domain/errors';
import type { LeadDeps } from '../../lambdas/domain/leads/deps';
import { DuplicateLeadError, LeadGoneError } from '../../lambdas/domain/leads/lead-errors';
import type { AgentRepository } from '../../lambdas/ports/agent-repository';
import { type Clock, fixedClock } from '../../lambdas/ports/clock';
import type { InteractionRepository } from '../../lambdas/ports/interaction-repository';
import type { ContactClaim, LeadRepository } from '../../lambdas/ports/lead-repository';
import type { MessageRef, MessageRefRepository } from '../../lambdas/ports/message-refs';
import type { Page, PageRequest } from '../../lambdas/ports/page';
import type { ModelChange, ScoreRepository } from '../../lambdas/ports/score-repository';
import { createIdGenerator } from '../../lambdas/shared/ids';
import type { AgentProfile } from '../../schemas/api/agents';
import type { Lead } from '../../schemas/api/leads';
import type { ScoringOutcomeRecord } from '../../schemas/api/outcomes';
import type { ScoreSnapshot } from '../../schemas/api/scores';
import type { Interaction } from '../../schemas/api/timeline';
import type { ScoringModel } from '../../schemas/scoring';
import { FIXTURE_NOW } from './factories';
import { createInMemoryConsentRegistry } from './in-memory-consent-registry';

type SortKey = (string | number)[];

interface StoredClaim extends ContactClaim {
  agentId: string;
  brokerageId: string;
  leadId: string;
}

interface Store {
  leads: Map<string, Lead & { erasing?: boolean }>;
  claims: Map<string, StoredClaim>;
  interactions: Map<string, Map<string, Interaction>>;
  agents: Map<string, AgentProfile>;
  /** Refs by external id: an erase removes every ref pointing at the lead, as the table's does. */
  refs: Map<string, MessageRef>;
  /** Score snapshots per lead, by snapshot id. */
  snapshots: Map<string, Map<string, ScoreSnapshot>>;
  /** Learned models by `brokerageId|scope`. */
  models: Map<string, { model: ScoringModel; version: number }>;
  /** Recorded outcomes by `brokerageId|outcomeId`. */
  outcomes: Map<string, ScoringOutcomeRecord>;
}

const createStore = (): Store => ({
  leads: new Map(),
  claims: new Map(),
  interactions: new Map(),
  agents: new Map(),
  refs: new Map(),
  snapshots: new Map(),
  models: new Map(),
  outcomes: new Map(),
});

const claimKey = (agentId: string, { kind, value }: ContactClaim) => `${agentId}|${kind}|${value}`;

const contactClaims = (lead: Lead): ContactClaim[] => [
  ...(lead.phone ? [{ kind: 'phone' as const, value: lead.phone }] : []),
  ...(lead.email ? [{ kind: 'email' as const, value: lead.email }] : []),
];

const sameClaim = (a: ContactClaim, b: ContactClaim) => a.kind === b.kind && a.value === b.value;

const withoutErasing = ({ erasing: _erasing, ...lead }: Lead & { erasing?: boolean }): Lead =>
  structuredClone(lead);

const compareKeys = (a: SortKey, b: SortKey): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const left = a[i];
    const right = b[i];
    if (left === right) continue;
    if (left === undefined) return -1;
    if (right === undefined) return 1;
    return left < right ? -1 : 1;
  }
  return 0;
};

const cursorSchema = z.object({ list: z.string(), after: z.array(z.union([z.string(), z.number()])) });

const encodeCursor = (list: string, after: SortKey) =>
  Buffer.from(JSON.stringify({ list, after })).toString('base64url');

const decodeCursor = (cursor: string, list: string): SortKey => {
  const invalid = new ValidationError([{ field: 'cursor', message: 'is not a cursor from this list' }]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const parsed = cursorSchema.safeParse(decoded);
  if (!parsed.success || parsed.data.list !== list) throw invalid;
  return parsed.data.after;
};

/**
 * Sorts by key (highest first unless `ascending`) and cuts one page after the cursor, like a Query with a
 * limit: as the table does, a full page always carries a cursor, even when nothing follows it (the next page
 * is then empty).
 */
const pageSorted = <T>(
  items: T[],
  keyOf: (item: T) => SortKey,
  list: string,
  { limit, cursor }: PageRequest,
  order: 'ascending' | 'descending' = 'descending',
): Page<T> => {
  const direction = order === 'ascending' ? 1 : -1;
  const sorted = [...items].sort((a, b) => direction * compareKeys(keyOf(a), keyOf(b)));
  const after = cursor === undefined ? undefined : decodeCursor(cursor, list);
  const rest = after ? sorted.filter((item) => direction * compareKeys(keyOf(item), after) > 0) : sorted;
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: page.length === limit && last !== undefined ? encodeCursor(list, keyOf(last)) : null,
  };
};

const pageDescending = <T>(items: T[], keyOf: (item: T) => SortKey, list: string, page: PageRequest) =>
  pageSorted(items, keyOf, list, page);

/** A lead repository kept in memory, plus a switch that breaks the next erase part-way. */
export interface InMemoryLeadRepository extends LeadRepository {
  /** The next erase hides the lead and removes part of its timeline, then fails. */
  interruptNextErase(): void;
}

const createLeadRepository = (store: Store): InMemoryLeadRepository => {
  let interruptErase = false;

  const takenBy = (agentId: string, claims: ContactClaim[], ownLeadId: string) => {
    for (const claim of claims) {
      const owner = store.claims.get(claimKey(agentId, claim))?.leadId;
      if (owner !== undefined && owner !== ownLeadId) return new DuplicateLeadError(owner, claim.kind);
    }
    return undefined;
  };

  const putClaim = (lead: Lead, claim: ContactClaim) =>
    store.claims.set(claimKey(lead.agentId, claim), {
      ...claim,
      agentId: lead.agentId,
      brokerageId: lead.brokerageId,
      leadId: lead.leadId,
    });

  const visibleLeads = () => [...store.leads.values()].filter((lead) => !lead.erasing).map(withoutErasing);

  return {
    async create(lead, interactions) {
      const claims = contactClaims(lead);
      const duplicate = takenBy(lead.agentId, claims, lead.leadId);
      if (duplicate) throw duplicate;
      const timeline = store.interactions.get(lead.leadId) ?? new Map<string, Interaction>();
      if (store.leads.has(lead.leadId) || interactions.some((item) => timeline.has(item.interactionId))) {
        throw new Error('Lead creation was cancelled');
      }
      store.leads.set(lead.leadId, structuredClone(lead));
      for (const claim of claims) putClaim(lead, claim);
      for (const item of interactions) timeline.set(item.interactionId, structuredClone(item));
      store.interactions.set(lead.leadId, timeline);
    },

    async get(leadId, { includeErasing = false } = {}) {
      const stored = store.leads.get(leadId);
      return stored && (includeErasing || !stored.erasing) ? withoutErasing(stored) : undefined;
    },

    async getMany(leadIds) {
      const wanted = new Set(leadIds);
      return visibleLeads().filter((lead) => wanted.has(lead.leadId));
    },

    async listForAgent({ agentId, sort, temperature, status, ...page }) {
      const matching = visibleLeads().filter(
        (lead) =>
          lead.agentId === agentId &&
          (temperature === undefined || lead.temperature === temperature) &&
          (status === undefined || lead.status === status),
      );
      const keyOf = (lead: Lead): SortKey =>
        sort === 'score' ? [lead.score, lead.leadId] : [lead.createdAt, lead.leadId];
      return pageDescending(matching, keyOf, `agent:${agentId}:${sort}:${temperature ?? ''}`, page);
    },

    async listForBrokerage({ brokerageId, sort, temperature, status, ...page }) {
      const matching = visibleLeads().filter(
        (lead) =>
          lead.brokerageId === brokerageId &&
          (temperature === undefined || lead.temperature === temperature) &&
          (status === undefined || lead.status === status),
      );
      const keyOf = (lead: Lead): SortKey =>
        sort === 'score' ? [lead.score, lead.leadId] : [lead.createdAt, lead.leadId];
      return pageDescending(matching, keyOf, `brokerage:${brokerageId}:${sort}:${temperature ?? ''}`, page);
    },

    async update(previous, next) {
      const stored = store.leads.get(previous.leadId);
      // As the table's condition: a lead gone, or with its erase begun, refuses every write.
      if (!stored || stored.erasing) throw new LeadGoneError(previous.leadId);
      if (stored.version !== previous.version) throw new StaleVersionError();
      const before = contactClaims(previous);
      const after = contactClaims(next);
      const released = before.filter((claim) => !after.some((other) => sameClaim(claim, other)));
      const claimed = after.filter((claim) => !before.some((other) => sameClaim(claim, other)));
      const duplicate = takenBy(next.agentId, claimed, next.leadId);
      if (duplicate) throw duplicate;
      for (const claim of released) store.claims.delete(claimKey(previous.agentId, claim));
      for (const claim of claimed) putClaim(next, claim);
      store.leads.set(next.leadId, structuredClone(next));
    },

    async erase(lead) {
      const stored = store.leads.get(lead.leadId);
      if (!stored) throw new NotFoundError('Lead');
      stored.erasing = true;
      const timeline = store.interactions.get(lead.leadId);
      if (interruptErase) {
        interruptErase = false;
        const first = timeline?.keys().next();
        if (first && !first.done) timeline?.delete(first.value);
        throw new Error('Connection reset while erasing the timeline');
      }
      store.interactions.delete(lead.leadId);
      store.snapshots.delete(lead.leadId);
      for (const [externalId, ref] of store.refs)
        if (ref.leadId === lead.leadId) store.refs.delete(externalId);
      store.leads.delete(lead.leadId);
      // The claims of the lead as marked, not as the caller read it.
      for (const claim of contactClaims(stored)) store.claims.delete(claimKey(stored.agentId, claim));
    },

    async findByContact(brokerageId, claim) {
      const owners = [...store.claims.values()]
        .filter((stored) => stored.brokerageId === brokerageId && sameClaim(stored, claim))
        .map((stored) => store.leads.get(stored.leadId));
      return owners
        .filter((lead): lead is Lead & { erasing?: boolean } => lead !== undefined && !lead.erasing)
        .map(withoutErasing);
    },

    interruptNextErase() {
      interruptErase = true;
    },
  };
};

/** The timeline in memory, plus an in-place update for fakes of adapters that patch an interaction. */
export interface InMemoryInteractionRepository extends InteractionRepository {
  replace(interaction: Interaction): Promise<void>;
}

const createInteractionRepository = (store: Store): InMemoryInteractionRepository => ({
  async replace(interaction) {
    const timeline = store.interactions.get(interaction.leadId);
    if (!timeline?.has(interaction.interactionId)) {
      throw new Error(`Interaction ${interaction.interactionId} does not exist`);
    }
    timeline.set(interaction.interactionId, structuredClone(interaction));
  },

  async add(interaction) {
    const lead = store.leads.get(interaction.leadId);
    if (!lead || lead.erasing) throw new LeadGoneError(interaction.leadId);
    const timeline = store.interactions.get(interaction.leadId) ?? new Map<string, Interaction>();
    if (timeline.has(interaction.interactionId)) {
      throw new Error(`Interaction ${interaction.interactionId} already exists`);
    }
    timeline.set(interaction.interactionId, structuredClone(interaction));
    store.interactions.set(interaction.leadId, timeline);
  },

  async listTimeline(leadId, page) {
    const items = [...(store.interactions.get(leadId)?.values() ?? [])].map((item) => structuredClone(item));
    return pageDescending(items, (item) => [item.interactionId], `timeline:${leadId}`, page);
  },
});

/** The table's refusal of a guarded write on a lead: gone (or going), or changed since it was read. */
const refusalOf = (store: Store, leadId: string): Error => {
  const stored = store.leads.get(leadId);
  return !stored || stored.erasing ? new LeadGoneError(leadId) : new StaleVersionError();
};

/** Score snapshots and learned models in memory, each write guarded by the lead as the table's transactions are. */
const createScoreRepository = (store: Store): ScoreRepository => {
  const leadAt = (previous: Lead) => {
    const stored = store.leads.get(previous.leadId);
    return stored !== undefined && !stored.erasing && stored.version === previous.version;
  };
  const snapshotsOf = (leadId: string) => [...(store.snapshots.get(leadId)?.values() ?? [])];
  const modelsAt = (brokerageId: string, models: ModelChange[]) =>
    models.every(
      ({ scope, previousVersion }) =>
        store.models.get(`${brokerageId}|${scope}`)?.version === previousVersion,
    );
  const saveModels = (brokerageId: string, models: ModelChange[]) => {
    for (const change of models) {
      store.models.set(`${brokerageId}|${change.scope}`, {
        model: structuredClone(change.next),
        version: (change.previousVersion ?? 0) + 1,
      });
    }
  };

  return {
    async saveScore(previous, next, snapshot) {
      const held = store.snapshots.get(snapshot.leadId) ?? new Map<string, ScoreSnapshot>();
      if (!leadAt(previous) || held.has(snapshot.snapshotId)) throw refusalOf(store, previous.leadId);
      store.leads.set(next.leadId, structuredClone(next));
      held.set(snapshot.snapshotId, structuredClone(snapshot));
      store.snapshots.set(snapshot.leadId, held);
    },

    async history(leadId, page) {
      const items = snapshotsOf(leadId).map((item) => structuredClone(item));
      return pageDescending(items, (item) => [item.snapshotId], `scores:${leadId}`, page);
    },

    async latest(leadId) {
      const [newest] = snapshotsOf(leadId).sort((a, b) => b.snapshotId.localeCompare(a.snapshotId));
      return newest && structuredClone(newest);
    },

    async models(brokerageId, scopes) {
      return scopes.flatMap((scope) => {
        const stored = store.models.get(`${brokerageId}|${scope}`);
        return stored ? [{ scope, model: structuredClone(stored.model), version: stored.version }] : [];
      });
    },

    async saveOutcome({ previous, next, models, note, record }) {
      const timeline = store.interactions.get(note.leadId) ?? new Map<string, Interaction>();
      const modelsHeld = modelsAt(next.brokerageId, models);
      if (!leadAt(previous) || !modelsHeld || timeline.has(note.interactionId)) {
        throw refusalOf(store, previous.leadId);
      }
      store.leads.set(next.leadId, structuredClone(next));
      timeline.set(note.interactionId, structuredClone(note));
      store.interactions.set(note.leadId, timeline);
      saveModels(next.brokerageId, models);
      if (record) store.outcomes.set(`${next.brokerageId}|${record.outcomeId}`, structuredClone(record));
    },

    async listOutcomes(brokerageId, { recordedBy, ...page }) {
      const items = [...store.outcomes.entries()]
        .filter(
          ([key, record]) =>
            key.startsWith(`${brokerageId}|`) && (!recordedBy || record.recordedBy === recordedBy),
        )
        .map(([, record]) => structuredClone(record));
      return pageSorted(
        items,
        (item) => [item.outcomeId],
        `outcomes:${brokerageId}:${recordedBy ?? ''}`,
        page,
        'ascending',
      );
    },

    async getOutcome(brokerageId, outcomeId) {
      const stored = store.outcomes.get(`${brokerageId}|${outcomeId}`);
      return stored && structuredClone(stored);
    },

    async voidOutcome({ brokerageId, outcomeId, voidedAt, voidedBy, models }) {
      const stored = store.outcomes.get(`${brokerageId}|${outcomeId}`);
      if (!stored || stored.voidedAt !== undefined || !modelsAt(brokerageId, models)) {
        throw new StaleVersionError();
      }
      store.outcomes.set(`${brokerageId}|${outcomeId}`, { ...stored, voidedAt, voidedBy });
      saveModels(brokerageId, models);
    },
  };
};

/** Message refs in memory, plus the put a delivery's commit writes them with. */
export interface InMemoryMessageRefRepository extends MessageRefRepository {
  /** Written as given, replacing a ref with the same external id. */
  put(ref: MessageRef): void;
}

const createMessageRefRepository = (store: Store): InMemoryMessageRefRepository => ({
  put(ref) {
    store.refs.set(ref.externalId, structuredClone(ref));
  },

  async find(externalId) {
    return structuredClone(store.refs.get(externalId));
  },

  async createIfAbsent(ref) {
    if (!store.refs.has(ref.externalId)) store.refs.set(ref.externalId, structuredClone(ref));
    return structuredClone(store.refs.get(ref.externalId) as MessageRef);
  },

  async remove(externalId) {
    store.refs.delete(externalId);
  },

  async interactionOf({ leadId, interactionId }) {
    return structuredClone(store.interactions.get(leadId)?.get(interactionId));
  },

  async changeDelivery({ leadId, interactionId }, expected, { deliveryStatus, metadata }) {
    const timeline = store.interactions.get(leadId);
    const stored = timeline?.get(interactionId);
    if (!timeline || !stored || stored.deliveryStatus !== expected) return false;
    timeline.set(interactionId, {
      ...stored,
      deliveryStatus,
      ...(metadata !== undefined && { metadata: structuredClone(metadata) }),
    });
    return true;
  },
});

const createAgentRepository = (store: Store): AgentRepository => ({
  async get(agentId) {
    const stored = store.agents.get(agentId);
    return stored && structuredClone(stored);
  },

  async createIfAbsent(profile) {
    const stored = store.agents.get(profile.agentId);
    if (stored) return structuredClone(stored);
    store.agents.set(profile.agentId, structuredClone(profile));
    return structuredClone(profile);
  },

  async update(previous, next) {
    const stored = store.agents.get(previous.agentId);
    if (!stored || stored.version !== previous.version) throw new StaleVersionError();
    store.agents.set(next.agentId, structuredClone(next));
  },

  async listForBrokerage(brokerageId) {
    return [...store.agents.values()]
      .filter((profile) => profile.brokerageId === brokerageId)
      .sort((a, b) => a.agentId.localeCompare(b.agentId))
      .map((profile) => structuredClone(profile));
  },
});

export interface InMemoryDeps extends LeadDeps {
  leads: InMemoryLeadRepository;
  interactions: InMemoryInteractionRepository;
  /** Scores on the same leads: an erase removes their snapshots. */
  scores: ScoreRepository;
  /** Refs on the same leads: an erase removes those pointing at the lead. */
  refs: InMemoryMessageRefRepository;
}

/**
 * Every collaborator of the lead use cases, kept in memory with the DynamoDB adapters' contracts:
 * per-agent phone/email uniqueness, version-guarded writes, erase marks and opaque cursors.
 */
export const createInMemoryDeps = (clock: Clock = fixedClock(FIXTURE_NOW)): InMemoryDeps => {
  const store = createStore();
  return {
    leads: createLeadRepository(store),
    interactions: createInteractionRepository(store),
    scores: createScoreRepository(store),
    refs: createMessageRefRepository(store),
    agents: createAgentRepository(store),
    consents: createInMemoryConsentRegistry(),
    clock,
    newId: createIdGenerator(clock),
    profileDefaults: { timezone: 'America/New_York', defaultCountry: 'US' },
  };
};

/** Follow-up deps for a lead with no follow-ups: erasing it has none to stop or remove. */
export const noFollowUps = (clock: Clock = fixedClock(FIXTURE_NOW)) => ({
  runs: {
    listForLead: async () => [],
    stop: async () => false,
    get: async () => undefined,
    remove: async () => undefined,
  },
  wakes: {
    cancelWake: async () => 'not_found' as const,
    wakeNow: async () => 'stale_token' as const,
  },
  clock,
});
