import { builtInSequences } from './built-in-sequences';
import type { EnrolLeadDeps } from './enrol-lead';
import { startEnrolment } from './enrol-lead';

export type NewLeadEnrolment =
  /** Enrolled now, or found enrolled by an earlier delivery of the same message. */
  | { result: 'enrolled'; enrollmentId: string; created: boolean }
  /** The lead's agent turned automatic follow-up off. */
  | { result: 'off' }
  /** The lead is gone (erased meanwhile), or its agent has no profile. */
  | { result: 'skipped'; reason: 'lead_gone' | 'no_agent' };

export type EnrolNewLeadDeps = Pick<EnrolLeadDeps, 'leads' | 'agents' | 'clock' | 'runs' | 'executions'>;

/**
 * Enrols a lead that WhatsApp or Facebook intake just created, when its agent's profile says so:
 * 1. read the lead as it stands now (scored, so its temperature is right) and its agent's profile;
 * 2. the agent turned automatic follow-up off: nothing;
 * 3. start the built-in sequence for its temperature; its first answer goes out at once when the
 *    lead wrote in the last 10 minutes. The enrolment id is the lead's and the sequence's, so a
 *    repeated delivery finds the run instead of starting a second one.
 */
export const enrolNewLead = async (leadId: string, deps: EnrolNewLeadDeps): Promise<NewLeadEnrolment> => {
  const lead = await deps.leads.get(leadId);
  if (!lead) return { result: 'skipped', reason: 'lead_gone' };
  const agent = await deps.agents.get(lead.agentId);
  if (!agent) return { result: 'skipped', reason: 'no_agent' };
  if (!agent.autoFollowUp) return { result: 'off' };
  const sequence = builtInSequences.find(
    (candidate) => candidate.sequenceId === `builtin-${lead.temperature}`,
  );
  if (!sequence) throw new Error(`No built-in sequence for ${lead.temperature} leads`);
  const { followUp, created } = await startEnrolment(lead, agent, sequence, deps);
  return { result: 'enrolled', enrollmentId: followUp.enrollmentId, created };
};
