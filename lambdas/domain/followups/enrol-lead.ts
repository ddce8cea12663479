import type { AgentProfile } from '../../../schemas/api/agents';
import type { FollowUp } from '../../../schemas/api/follow-ups';
import type { Lead } from '../../../schemas/api/leads';
import type { Sequence, SequenceSnapshot } from '../../../schemas/api/sequences';
import type { FollowUpExecutions } from '../../ports/follow-up-executions';
import { type FollowUpRunRepository, isActiveRun } from '../../ports/follow-up-runs';
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
  runs: Pick<FollowUpRunRepository, 'create' | 'listForLead'>;
  executions: FollowUpExecutions;
}

export interface EnrolLeadResult {
  followUp: FollowUp;
  /** False when the lead was already running this sequence: that run is returned, nothing new starts. */
  created: boolean;
}

/** Generations are written in base 36 in at most two characters, which the enrolment id has room for. */
const MAX_GENERATION = 36 ** 2 - 1;
/** How many taken ids an enrolment steps over before it gives up (the lead's index was behind). */
const MAX_ATTEMPTS = 4;

/**
 * One enrolment per lead, sequence and generation: the first run of a sequence is generation 0,
 * each re-enrolment after the previous run ended the next one, so ids stay deterministic and a
 * retried enrolment finds its run instead of starting a second one.
 */
export const enrollmentIdFor = (leadId: string, sequenceId: string, generation = 0): string =>
  generation === 0 ? `${leadId}_${sequenceId}` : `${leadId}_${sequenceId}_${generation.toString(36)}`;

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
 * 3. a run of that sequence still running or paused is returned as it is; otherwise the run is
 *    written, conditionally, as the next generation (a lead may go through a sequence again);
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

  const previous = (await deps.runs.listForLead(lead.leadId)).filter(
    (run) => run.enrolment.sequence.sequenceId === sequence.sequenceId,
  );
  const steps = planned.map((step) => ({
    dueAt: step.plannedAt,
    timeZone: step.leadTimeZone,
    channel: step.channel,
    leadLocalTime: step.leadLocalTime,
  }));
  const enrolment = {
    leadId: lead.leadId,
    agentId: lead.agentId,
    sequence: snapshot,
    enrolledAt: enrolledAt.toISOString(),
  };

  let found = previous.find(isActiveRun);
  let created = false;
  for (let generation = previous.length, attempt = 0; !found; generation++, attempt++) {
    if (generation > MAX_GENERATION || attempt >= MAX_ATTEMPTS) {
      throw new ConflictError('The lead cannot be enrolled in this sequence again', {
        sequenceId: sequence.sequenceId,
      });
    }
    const enrollmentId = enrollmentIdFor(lead.leadId, sequence.sequenceId, generation);
    const stored = await deps.runs.create({ enrollmentId, enrolment, steps }, enrolledAt);
    if (!stored.run.enrolment)
      throw new ConflictError('This enrolment is held by another follow-up run', { enrollmentId });
    // A run of an earlier generation that ended is passed over; one still going is the answer.
    if (stored.created || isActiveRun(stored.run)) {
      found = { ...stored.run, enrolment: stored.run.enrolment };
      created = stored.created;
    }
  }
  const { enrollmentId } = found;
  // Also on an existing run: the first attempt may have written the run and failed to start it.
  await deps.executions.start(enrollmentId, { enrollmentId });
  return { followUp: followUpView(found), created };
};
