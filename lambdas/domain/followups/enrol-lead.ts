import type { AgentProfile } from '../../../schemas/api/agents';
import type { FollowUp } from '../../../schemas/api/follow-ups';
import type { Lead } from '../../../schemas/api/leads';
import type { Sequence, SequenceSnapshot } from '../../../schemas/api/sequences';
import type { FollowUpExecutions } from '../../ports/follow-up-executions';
import type { FollowUpRunRepository } from '../../ports/follow-up-runs';
import type { Actor } from '../actor';
import { ensureProfile } from '../agents/ensure-profile';
import { ConflictError } from '../errors';
import type { LeadDeps } from '../leads/deps';
import { loadLeadFor } from '../leads/load-lead';
import { followUpTimingFor } from './follow-up-context';
import { followUpView } from './follow-up-view';
import { loadSequenceFor } from './load-sequence';
import { planSteps } from './plan-steps';
import type { SequenceDeps } from './sequence-deps';

export interface EnrolLeadDeps
  extends Pick<LeadDeps, 'leads' | 'agents' | 'clock' | 'profileDefaults'>,
    Pick<SequenceDeps, 'sequences'> {
  runs: Pick<FollowUpRunRepository, 'create'>;
  executions: FollowUpExecutions;
}

export interface EnrolLeadResult {
  followUp: FollowUp;
  /** False when the lead was already running this sequence: that run is returned, nothing new starts. */
  created: boolean;
}

/** One enrolment per lead and sequence: enrolling again finds it instead of starting a second one. */
export const enrollmentIdFor = (leadId: string, sequenceId: string): string => `${leadId}_${sequenceId}`;

/**
 * Enrols a lead in a follow-up sequence (by default the built-in one for its temperature):
 * 1. load the agent's own lead and the sequence, and the lead's own agent (also when an admin enrols it);
 * 2. start the enrolment (`startEnrolment`).
 */
export const enrolLead = async (
  actor: Actor,
  leadId: string,
  body: { sequenceId?: string },
  deps: EnrolLeadDeps,
): Promise<EnrolLeadResult> => {
  const lead = await loadLeadFor(actor, leadId, deps);
  const sequence = await loadSequenceFor(actor, body.sequenceId ?? `builtin-${lead.temperature}`, deps);
  // The lead's own agent's hours, also when a brokerage admin enrols it.
  const agent =
    (lead.agentId !== actor.agentId && (await deps.agents.get(lead.agentId))) ||
    (await ensureProfile(actor, deps));
  return startEnrolment(lead, agent, sequence, deps);
};

/**
 * Starts a lead's run of a sequence, with no caller to check (the caller loaded what it may reach):
 * 1. copy the sequence (later edits never reach the run);
 * 2. plan every step in the lead's time zone (quiet hours, the agent's working hours for calls);
 * 3. write the run, conditionally: an enrolment already there is returned as it is;
 * 4. start its execution, named after the enrolment, so a retry after a failed start starts it once.
 */
export const startEnrolment = async (
  lead: Lead,
  agent: AgentProfile,
  sequence: Sequence,
  deps: Pick<EnrolLeadDeps, 'clock' | 'runs' | 'executions'>,
): Promise<EnrolLeadResult> => {
  const snapshot: SequenceSnapshot = {
    sequenceId: sequence.sequenceId,
    version: sequence.version,
    name: sequence.name,
    temperature: sequence.temperature,
    steps: sequence.steps,
  };
  const enrolledAt = deps.clock.now();
  const planned = planSteps(snapshot, enrolledAt, followUpTimingFor(lead, agent));

  const enrollmentId = enrollmentIdFor(lead.leadId, sequence.sequenceId);
  const { run, created } = await deps.runs.create(
    {
      enrollmentId,
      enrolment: {
        leadId: lead.leadId,
        agentId: lead.agentId,
        sequence: snapshot,
        enrolledAt: enrolledAt.toISOString(),
      },
      steps: planned.map((step) => ({
        dueAt: step.plannedAt,
        timeZone: step.leadTimeZone,
        channel: step.channel,
        leadLocalTime: step.leadLocalTime,
      })),
    },
    enrolledAt,
  );
  if (!run.enrolment)
    throw new ConflictError('This enrolment is held by another follow-up run', { enrollmentId });
  if (!created && run.status !== 'running') {
    throw new ConflictError('The lead already went through this sequence', {
      enrollmentId,
      status: run.status,
    });
  }
  // Also on an existing run: the first attempt may have written the run and failed to start it.
  await deps.executions.start(enrollmentId, { enrollmentId });
  return { followUp: followUpView({ ...run, enrolment: run.enrolment }), created };
};
