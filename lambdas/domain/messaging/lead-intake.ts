import type { AgentProfile } from '../../../schemas/api/agents';
import type { CreateLeadBody, Lead } from '../../../schemas/api/leads';
import type { Actor } from '../actor';
import { DomainError } from '../errors';
import { type CreateLeadOptions, createLead } from '../leads/create-lead';
import { DuplicateLeadError } from '../leads/lead-errors';
import { NoAgentToRouteError, routeNewLead } from '../leads/route-new-lead';
import type { IntakeDeps } from './deps';
import { backoff } from './lead-revision';
import type { WhatsAppNumber } from './whatsapp-number';

/** Nobody can take the lead: counted as a refused intake (the stack alarms on it), then Meta retries. */
const routeIntake = async (deps: IntakeDeps): Promise<AgentProfile> => {
  try {
    return await routeNewLead(deps.brokerageId, deps);
  } catch (error) {
    if (error instanceof NoAgentToRouteError)
      deps.metrics.count('WebhookIntakeRefused', 1, { reason: 'no_agent' });
    throw error;
  }
};

export interface Intake {
  lead: Lead;
  /** True when this delivery created the lead. */
  created: boolean;
}

/** Contact, not bookkeeping: a rescore or an edit moves updatedAt but says nothing of the conversation. */
const lastActiveAt = (lead: Lead) =>
  [lead.lastInboundAt, lead.lastInteractionAt, lead.createdAt].reduce<string>(
    (latest, at) => (at !== undefined && at > latest ? at : latest),
    '',
  );

/** Several agents may each have a lead with the same number: the conversation goes to the freshest. */
export const mostRecentlyActive = (leads: Lead[]): Lead | undefined =>
  leads.reduce<Lead | undefined>(
    (best, lead) => (best === undefined || lastActiveAt(lead) > lastActiveAt(best) ? lead : best),
    undefined,
  );

/** Leads of the brokerage holding this E.164 number, across its agents. */
export const leadsWithPhone = (phone: string, deps: Pick<IntakeDeps, 'leads' | 'brokerageId'>) =>
  deps.leads.findByContact(deps.brokerageId, { kind: 'phone', value: phone });

/** Leads of the brokerage holding any form of a WhatsApp user's number (e.g. +52… for a 521… id). */
export const leadsWithWhatsApp = async (
  { phones }: WhatsAppNumber,
  deps: Pick<IntakeDeps, 'leads' | 'brokerageId'>,
): Promise<Lead[]> => {
  const found = (await Promise.all(phones.map((phone) => leadsWithPhone(phone, deps)))).flat();
  return [...new Map(found.map((lead) => [lead.leadId, lead])).values()];
};

const MAX_CREATE_ATTEMPTS = 6;
/** How long another delivery's fresh reservation is trusted to become a lead (a function's timeout). */
const RESERVATION_GRACE_MS = 10_000;
/**
 * Looks for the lead another delivery is creating, soon at first, then at jittered intervals of up to a
 * second (a busy table), before creating it itself.
 */
const MAX_WAIT_POLLS = 15;

/** The routed agent as the actor of the creation, so their contact claims and country defaults hold. */
const actorFor = (agent: AgentProfile): Actor => ({
  agentId: agent.agentId,
  brokerageId: agent.brokerageId,
  role: agent.role,
  email: agent.email,
  name: agent.name,
});

/**
 * The agent whose turn it is. None at all is counted: every new contact is refused until an agent of the
 * stack's brokerage is added (or enabled), and the count is what tells the operator.
 */
/**
 * The lead an inbound contact belongs to, created once however often, or however concurrently, its
 * deliveries arrive. The contact's key (`wa-phone:+1…`, `fb-user:…`, `fb-leadgen:…`) first reserves a
 * lead id, then the lead is created under that id for the agent whose turn it is; a retry after a
 * failure part-way, or a concurrent delivery, finds the same id. The new lead is not scored here:
 * the caller rescores once the inbound activity is on it.
 */
export const intakeLead = async (
  key: string,
  body: CreateLeadBody,
  deps: IntakeDeps,
  occurredAt: Date,
  { channelPhone }: Pick<CreateLeadOptions, 'channelPhone'> = {},
): Promise<Intake> => {
  const leadId = deps.newId();
  const now = deps.clock.now();
  const reserved =
    (await deps.refs.find(key)) ??
    (await deps.refs.createIfAbsent({
      externalId: key,
      leadId,
      interactionId: leadId,
      createdAt: now.toISOString(),
    }));
  // A burst from one new contact: the delivery that reserved the id moments ago is creating the lead.
  // Waiting for it costs reads; racing it costs a routing turn and a failed transaction per delivery.
  const othersToCreate =
    reserved.leadId !== leadId && now.getTime() - Date.parse(reserved.createdAt) < RESERVATION_GRACE_MS;
  for (let poll = 1; othersToCreate && poll <= MAX_WAIT_POLLS; poll++) {
    const created = await deps.leads.get(reserved.leadId);
    if (created) return { lead: created, created: false };
    await backoff(poll, { baseMs: 25, maxMs: 1000 });
  }

  let agent: AgentProfile | undefined;
  for (let attempt = 1; ; attempt++) {
    const existing = await deps.leads.get(reserved.leadId);
    if (existing) return { lead: existing, created: false };

    agent ??= await routeIntake(deps);
    try {
      const { lead } = await createLead(
        actorFor(agent),
        body,
        { ...deps, scorer: undefined },
        {
          agentId: agent.agentId,
          occurredAt,
          leadId: reserved.leadId,
          ...(channelPhone !== undefined && { channelPhone }),
        },
      );
      return { lead, created: true };
    } catch (error) {
      // The agent already has this number or email (created meanwhile by hand): that lead is the one.
      if (error instanceof DuplicateLeadError) {
        const duplicate = await deps.leads.get(error.existingLeadId);
        if (duplicate) return { lead: duplicate, created: false };
      }
      // A concurrent delivery is creating the reserved lead (its transaction and ours collided): look again
      // after a jittered pause, and create it ourselves if theirs did not land either.
      const final = error instanceof DomainError && !(error instanceof DuplicateLeadError);
      if (final || attempt >= MAX_CREATE_ATTEMPTS) throw error;
      await backoff(attempt);
    }
  }
};
