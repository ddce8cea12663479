import type { Lead, UpdateLeadBody } from '../../../schemas/api/leads';
import type { Actor } from '../actor';
import { ensureProfile } from '../agents/ensure-profile';
import { consentFor, contactPointsOf } from '../consent/consent-for';
import { withRegisteredConsent } from '../consent/registered-consent';
import { PreconditionRequiredError, StaleVersionError } from '../errors';
import { temperatureFor } from '../scoring/temperature-for';
import { normaliseEmail, normalisePhone } from './contact';
import type { LeadDeps } from './deps';
import { loadLeadFor } from './load-lead';

/**
 * Changes a lead's status, temperature ("mark hot"), tags, profile or contact details.
 * Flow: load (404 if not the actor's) → require the version the app read (If-Match or `version`)
 * → apply → write guarded by that version, swapping phone/email claims in the same transaction.
 */
export const updateLead = async (
  actor: Actor,
  leadId: string,
  { version, ...changes }: UpdateLeadBody,
  ifMatch: number | undefined,
  deps: LeadDeps,
): Promise<Lead> => {
  const current = await loadLeadFor(actor, leadId, deps);
  const expected = ifMatch ?? version;
  if (expected === undefined) {
    throw new PreconditionRequiredError(
      'Send the version you read, as an If-Match header or a `version` field',
    );
  }
  if (expected !== current.version) throw new StaleVersionError(current.version);

  const next: Lead = { ...current, version: current.version + 1, updatedAt: deps.clock.now().toISOString() };
  if (changes.name !== undefined) next.name = changes.name;
  if (changes.status !== undefined) next.status = changes.status;
  if (changes.tags !== undefined) next.tags = [...new Set(changes.tags)];
  if (changes.profile !== undefined) next.profile = { ...current.profile, ...changes.profile };
  if (changes.propertyInterest !== undefined) next.propertyInterest = changes.propertyInterest ?? undefined;
  if (changes.temperature === null) {
    next.temperatureSetBy = 'score';
    next.temperature = temperatureFor(current.score);
  } else if (changes.temperature !== undefined) {
    next.temperatureSetBy = 'agent';
    next.temperature = changes.temperature;
  }
  if (changes.phone !== undefined || changes.email !== undefined) {
    const { defaultCountry } = await ensureProfile(actor, deps);
    if (changes.phone !== undefined) {
      next.phone = changes.phone === null ? undefined : normalisePhone(changes.phone, defaultCountry);
      // A number marked undeliverable says nothing about the new one.
      if (next.phone !== current.phone) next.phoneStatus = undefined;
    }
    if (changes.email !== undefined) {
      next.email = changes.email === null ? undefined : normaliseEmail(changes.email);
    }
    // Consent belongs to the number or address: a new one brings what the brokerage holds for it.
    const added = contactPointsOf({
      ...(next.phone !== current.phone && { phone: next.phone }),
      ...(next.email !== current.email && { email: next.email }),
    });
    const registered = await consentFor(current.brokerageId, added, deps);
    next.consent = withRegisteredConsent(next.consent, registered, deps.clock.now());
  }

  await deps.leads.update(current, next);
  if (
    next.status !== current.status ||
    changes.profile !== undefined ||
    changes.propertyInterest !== undefined
  ) {
    const scored = await deps.scorer?.rescore(
      next.leadId,
      next.status !== current.status ? 'status_change' : 'profile_change',
    );
    if (scored) return scored.lead;
  }
  return next;
};
