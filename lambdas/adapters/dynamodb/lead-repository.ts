import type { Lead } from '../../../schemas/api/leads';
import type { Interaction } from '../../../schemas/api/timeline';
import { NotFoundError } from '../../domain/errors';
import { DuplicateLeadError } from '../../domain/leads/lead-errors';
import type { ContactClaim, LeadRepository } from '../../ports/lead-repository';
import { isConditionFailure } from './condition-failure';
import type { LeadItem } from './entities/lead';
import { createIdempotencyLinks } from './idempotency-links';
import { leadAtVersion, refusalOf } from './lead-guard';
import { withCursor } from './query-errors';
import type { CrmService } from './service';

const contactClaims = (lead: Lead): ContactClaim[] => [
  ...(lead.phone ? [{ kind: 'phone' as const, value: lead.phone }] : []),
  ...(lead.email ? [{ kind: 'email' as const, value: lead.email }] : []),
];

const sameClaim = (a: ContactClaim, b: ContactClaim) => a.kind === b.kind && a.value === b.value;

const toLead = ({ erasing: _erasing, ...item }: LeadItem): Lead => item as Lead;

/** Deletes what `read` returns until it returns nothing. */
const drain = async <T>(read: () => Promise<T[]>, remove: (items: T[]) => Promise<unknown>) => {
  // Bounded: a partition that will not empty fails the erase (the caller retries) rather than spinning.
  for (let round = 0; round < 1_000; round++) {
    const items = await read();
    if (items.length === 0) return;
    await remove(items);
  }
  throw new Error('The lead partition did not empty; erase again to finish');
};

/** Leads in the single table through ElectroDB; multi-item writes are transactions. */
export const createLeadRepository = (service: CrmService): LeadRepository => {
  const { lead: leads, leadContact: contacts } = service.entities;
  const idempotencyLinks = createIdempotencyLinks(service);

  const claimOwner = async (agentId: string, claim: ContactClaim) =>
    (await contacts.get({ agentId, kind: claim.kind, value: claim.value }).go()).data?.leadId;

  /** After a cancelled transaction: which of our claims was already taken, and by which lead. */
  const duplicateAmong = async (agentId: string, claims: ContactClaim[], ownLeadId: string) => {
    for (const claim of claims) {
      const owner = await claimOwner(agentId, claim);
      if (owner && owner !== ownLeadId) return new DuplicateLeadError(owner, claim.kind);
    }
    return undefined;
  };

  const claimItem = (lead: Lead, claim: ContactClaim, createdAt: string) => ({
    agentId: lead.agentId,
    kind: claim.kind,
    value: claim.value,
    brokerageId: lead.brokerageId,
    leadId: lead.leadId,
    createdAt,
  });

  return {
    async create(lead, interactions: Interaction[]) {
      const claims = contactClaims(lead);
      const result = await service.transaction
        .write(({ lead: l, leadContact: c, interaction: i }) => [
          l.create(lead).commit(),
          ...claims.map((claim) => c.create(claimItem(lead, claim, lead.createdAt)).commit()),
          ...interactions.map((item) => i.create(item).commit()),
        ])
        .go();
      if (result.canceled) {
        throw (
          (await duplicateAmong(lead.agentId, claims, lead.leadId)) ??
          new Error('Lead creation was cancelled')
        );
      }
    },

    async get(leadId, { includeErasing = false } = {}) {
      const { data } = await leads.get({ leadId }).go();
      return data && (includeErasing || !data.erasing) ? toLead(data) : undefined;
    },

    async getMany(leadIds) {
      const found: LeadItem[] = [];
      let keys = [...new Set(leadIds)].map((leadId) => ({ leadId }));
      // BatchGet may leave some keys unprocessed under load: ask again for those, a bounded number of times.
      for (let attempt = 0; keys.length > 0; attempt++) {
        if (attempt === 5) throw new Error('Reading the leads in a batch did not finish; try again');
        const { data, unprocessed } = await leads.get(keys).go();
        found.push(...data);
        keys = unprocessed.map(({ leadId }) => ({ leadId }));
      }
      return found.filter((item) => !item.erasing).map(toLead);
    },

    async listForAgent({ agentId, sort, temperature, status, limit, cursor }) {
      const filtered = status !== undefined || (temperature !== undefined && sort === 'newest');
      const options = { order: 'desc' as const, cursor, count: limit, ...(filtered ? {} : { limit }) };
      const query =
        sort === 'score'
          ? temperature
            ? leads.query.byAgentTemperature({ agentId, temperature })
            : leads.query.byAgentScore({ agentId })
          : leads.query.byAgentNewest({ agentId });
      const page = await withCursor(cursor, () =>
        query
          .where((attr, { eq }) =>
            [
              status ? eq(attr.status, status) : '',
              temperature && sort === 'newest' ? eq(attr.temperature, temperature) : '',
            ]
              .filter(Boolean)
              .join(' AND '),
          )
          .go(options),
      );
      return { items: page.data.filter((item) => !item.erasing).map(toLead), nextCursor: page.cursor };
    },

    async listForBrokerage({ brokerageId, sort, temperature, status, limit, cursor }) {
      const filtered = status !== undefined || temperature !== undefined;
      const query =
        sort === 'score'
          ? leads.query.byBrokerageScore({ brokerageId })
          : leads.query.byBrokerageNewest({ brokerageId });
      const page = await withCursor(cursor, () =>
        query
          .where((attr, { eq }) =>
            [status ? eq(attr.status, status) : '', temperature ? eq(attr.temperature, temperature) : '']
              .filter(Boolean)
              .join(' AND '),
          )
          .go({ order: 'desc', cursor, count: limit, ...(filtered ? {} : { limit }) }),
      );
      return { items: page.data.filter((item) => !item.erasing).map(toLead), nextCursor: page.cursor };
    },

    async update(previous, next) {
      const before = contactClaims(previous);
      const after = contactClaims(next);
      const released = before.filter((claim) => !after.some((other) => sameClaim(claim, other)));
      const claimed = after.filter((claim) => !before.some((other) => sameClaim(claim, other)));
      // Refused once an erase has begun, so a stale edit can neither clear the mark nor claim a number for a lead
      // about to vanish.
      const guarded = leads.put(next).where(leadAtVersion(previous.version));

      if (released.length === 0 && claimed.length === 0) {
        try {
          await guarded.go();
        } catch (error) {
          if (isConditionFailure(error)) throw await refusalOf(service, previous.leadId);
          throw error;
        }
        return;
      }

      const result = await service.transaction
        .write(({ lead: l, leadContact: c }) => [
          l.put(next).where(leadAtVersion(previous.version)).commit(),
          ...released.map((claim) =>
            c.delete({ agentId: previous.agentId, kind: claim.kind, value: claim.value }).commit(),
          ),
          ...claimed.map((claim) => c.create(claimItem(next, claim, next.updatedAt)).commit()),
        ])
        .go();
      if (result.canceled) {
        if (result.data[0]?.rejected) throw await refusalOf(service, previous.leadId);
        throw (
          (await duplicateAmong(next.agentId, claimed, next.leadId)) ??
          (await refusalOf(service, previous.leadId))
        );
      }
    },

    async erase(read) {
      // Hide it first, so a failure part-way never shows a half-erased lead; a retry finishes the job. Every
      // other write on the lead or its partition is refused from here on (see lead-guard), so nothing lands
      // behind the deletes below.
      const marked = await leads
        .patch({ leadId: read.leadId })
        .set({ erasing: true })
        .go({ response: 'all_new' })
        .catch((error: unknown) => {
          if (isConditionFailure(error)) return undefined;
          throw error;
        });
      if (!marked?.data) throw new NotFoundError('Lead');
      // The lead as marked, not as read: an edit in between may have moved its claims to another number.
      const lead = toLead(marked.data as LeadItem);

      // Everything of the lead goes: timeline, tasks, score history, events, cached analyses of its words, the
      // answers stored for its idempotent requests, and its refs (phone, Facebook id, wamids). Read the first page
      // and delete it until none is left, so items a batch left unprocessed come round again.
      const { interaction, task, scoreSnapshot, leadEvent, messageRef, analysisCache } = service.entities;
      const { leadId } = lead;
      const page = { limit: 100, consistent: true } as const;
      await drain(
        async () => (await interaction.query.byLead({ leadId }).go(page)).data,
        (items) => interaction.delete(items).go(),
      );
      await drain(
        async () => (await task.query.byLead({ leadId }).go(page)).data,
        (items) => task.delete(items).go(),
      );
      await drain(
        async () => (await scoreSnapshot.query.byLead({ leadId }).go(page)).data,
        (items) => scoreSnapshot.delete(items).go(),
      );
      await drain(
        async () => (await leadEvent.query.byLead({ leadId }).go(page)).data,
        (items) => leadEvent.delete(items).go(),
      );
      await drain(
        async () => (await analysisCache.query.byLead({ leadId }).go(page)).data,
        (items) => analysisCache.delete(items).go(),
      );
      await idempotencyLinks.forgetLead(leadId);
      await drain(
        async () => (await messageRef.query.byLead({ leadId }).go({ limit: 100 })).data,
        (items) => messageRef.delete(items.map(({ externalId }) => ({ externalId }))).go(),
      );

      const removed = await service.transaction
        .write(({ lead: l, leadContact: c }) => [
          l.delete({ leadId: lead.leadId }).commit(),
          ...contactClaims(lead).map((claim) =>
            c.delete({ agentId: lead.agentId, kind: claim.kind, value: claim.value }).commit(),
          ),
        ])
        .go();
      if (removed.canceled) throw new Error('Erasing the lead was cancelled; erase again to finish');
    },

    async findByContact(brokerageId, claim) {
      const { data } = await contacts.query
        .byBrokerageContact({ brokerageId, kind: claim.kind, value: claim.value })
        .go({ pages: 'all' });
      const found = await Promise.all(data.map(({ leadId }) => this.get(leadId)));
      return found.filter((lead): lead is Lead => lead !== undefined);
    },
  };
};
