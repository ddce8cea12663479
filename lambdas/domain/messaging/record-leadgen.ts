import type { CreateLeadBody, Lead } from '../../../schemas/api/leads';
import type { FacebookLeadgenEvent, LeadgenLead } from '../../../schemas/events/facebook';
import { normaliseEmail, normalisePhone } from '../leads/contact';
import type { IntakeDeps } from './deps';
import { followUpNewLead } from './follow-up-new-lead';
import { leadBodyFromForm } from './lead-form-body';
import { intakeLead, mostRecentlyActive } from './lead-intake';
import { latestOf, notAfter, retryOnStaleLead, reviseLead } from './lead-revision';
import type { FacebookOutcome } from './receive-facebook';
import { webhookReceipt } from './webhook-receipt';

export type RecordLeadgenDeps = IntakeDeps;

/** A lead of the brokerage with the form's phone or email, the freshest if several agents have one. */
const leadWithContact = async (body: CreateLeadBody, deps: RecordLeadgenDeps): Promise<Lead | undefined> => {
  const { defaultCountry } = deps.profileDefaults;
  const found = [
    ...(body.phone !== undefined
      ? await deps.leads.findByContact(deps.brokerageId, {
          kind: 'phone',
          value: normalisePhone(body.phone, defaultCountry),
        })
      : []),
    ...(body.email !== undefined
      ? await deps.leads.findByContact(deps.brokerageId, { kind: 'email', value: normaliseEmail(body.email) })
      : []),
  ];
  return mostRecentlyActive(found);
};

/**
 * Makes a fetched lead form a lead, once: the lead with its phone or email gets the answers on its timeline,
 * or a new lead (source facebook_lead_ad) is created with them, for the agent whose turn it is → rescore
 * → a new lead is enrolled in its follow-up when its agent says so.
 * The same whether the form came with its webhook or from a retry of a parked one.
 */
export const recordLeadgen = async (
  event: FacebookLeadgenEvent,
  form: LeadgenLead,
  deps: RecordLeadgenDeps,
): Promise<FacebookOutcome> => {
  const kind = 'leadgen';
  const held = webhookReceipt('fb-leadgen', event.leadgenId);
  const body = leadBodyFromForm(form, deps.profileDefaults.defaultCountry);
  const now = deps.clock.now();
  const at = notAfter(event.createdAt, now);
  const key = `fb-leadgen:${event.leadgenId}`;

  // An earlier attempt at this delivery created the lead, then failed before its receipt.
  const earlier = await deps.refs.find(key);
  const createdEarlier = earlier && (await deps.leads.get(earlier.leadId));
  if (createdEarlier) {
    await deps.receipts.claim(held);
    await deps.scorer.rescore(createdEarlier.leadId, 'created', { fast: true });
    const followUp = await followUpNewLead(createdEarlier.leadId, deps);
    return {
      kind,
      result: 'recorded',
      leadId: createdEarlier.leadId,
      created: true,
      ...(followUp && { followUp }),
    };
  }

  const existing = await leadWithContact(body, deps);
  if (existing) {
    const recorded = await retryOnStaleLead(existing, deps.leads, (current) =>
      deps.receipts.commit({
        receipt: held,
        lead: {
          previous: current,
          next: {
            ...reviseLead(current, now),
            lastInteractionAt: latestOf(current.lastInteractionAt, at),
            ...(body.profile && { profile: { ...body.profile, ...current.profile } }),
          },
        },
        interactions: [
          {
            interactionId: deps.newId(),
            leadId: current.leadId,
            // The type createLead gives a lead form's answers, so a form reads the same on every timeline.
            type: 'email',
            direction: 'inbound',
            text: body.message ?? 'Sent a Facebook lead form',
            occurredAt: at.toISOString(),
            externalId: event.leadgenId,
            metadata: {
              channel: 'facebook_lead_ad',
              formId: event.formId,
              ...(event.adId !== undefined && { adId: event.adId }),
            },
          },
        ],
      }),
    );
    if (recorded === undefined) return { kind, result: 'lead_gone', leadId: existing.leadId };
    if (!recorded) return { kind, result: 'duplicate', leadId: existing.leadId };
    await deps.scorer.rescore(existing.leadId, 'message_in', { fast: true });
    return { kind, result: 'recorded', leadId: existing.leadId, created: false };
  }

  const { lead, created } = await intakeLead(key, body, deps, at);
  await deps.receipts.claim(held);
  await deps.scorer.rescore(lead.leadId, created ? 'created' : 'message_in', { fast: true });
  const followUp = created ? await followUpNewLead(lead.leadId, deps) : undefined;
  return { kind, result: 'recorded', leadId: lead.leadId, created, ...(followUp && { followUp }) };
};
