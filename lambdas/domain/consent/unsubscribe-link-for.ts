import type { ConsentRegistry } from '../../ports/consent-registry';
import type { LeadRepository } from '../../ports/lead-repository';
import type { UnsubscribeTokens } from '../../ports/unsubscribe-tokens';
import { normaliseEmail } from '../leads/contact';

export interface UnsubscribeLinkDeps {
  brokerageId: string;
  /** The public API's base URL, where `/unsubscribe/{token}` is served. */
  apiBaseUrl: string;
  leads: Pick<LeadRepository, 'findByContact'>;
  consents: Pick<ConsentRegistry, 'hashOf'>;
  tokens: Pick<UnsubscribeTokens, 'issue'>;
}

/**
 * The one-click unsubscribe link for an email address, valid without signing in.
 * Flow: the address as leads hold it → the leads of the brokerage holding it (so the unsubscribe can mark
 * them) → the address's token, made once and reused (it holds the registry's hash, never the address)
 * → `<apiBaseUrl>/unsubscribe/<token>`.
 */
export const unsubscribeLinkFor = async (email: string, deps: UnsubscribeLinkDeps): Promise<string> => {
  const value = normaliseEmail(email);
  const holders = await deps.leads.findByContact(deps.brokerageId, { kind: 'email', value });
  const token = await deps.tokens.issue(
    deps.brokerageId,
    deps.consents.hashOf({ kind: 'email', value }),
    holders.map((lead) => lead.leadId),
  );
  return `${deps.apiBaseUrl.replace(/\/+$/, '')}/unsubscribe/${encodeURIComponent(token)}`;
};
