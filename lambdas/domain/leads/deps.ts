import type { AgentRepository } from '../../ports/agent-repository';
import type { Clock } from '../../ports/clock';
import type { ConsentRegistry } from '../../ports/consent-registry';
import type { IdGenerator } from '../../ports/ids';
import type { InteractionRepository } from '../../ports/interaction-repository';
import type { LeadRepository } from '../../ports/lead-repository';
import type { LeadScorer } from '../../ports/lead-scorer';

/** What the lead use cases need from the outside world. */
export interface LeadDeps {
  leads: LeadRepository;
  interactions: InteractionRepository;
  agents: AgentRepository;
  /** Consent per contact point across the brokerage: a new lead, or a new number on a lead, shows it. */
  consents: ConsentRegistry;
  clock: Clock;
  newId: IdGenerator;
  /** Brokerage-wide defaults for a profile created on first sign-in. */
  profileDefaults: { timezone: string; defaultCountry: string };
  /** Rescores a lead after it changed; absent where scoring is not wired (some unit tests). */
  scorer?: LeadScorer;
}
