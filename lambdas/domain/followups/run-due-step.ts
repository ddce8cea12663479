import type { SendStepEvent, SendStepResult } from '../../../schemas/workflow';
import type { AgentRepository } from '../../ports/agent-repository';
import { fixedClock } from '../../ports/clock';
import type { FollowUpRun, FollowUpRunRepository } from '../../ports/follow-up-runs';
import type { InteractionRepository } from '../../ports/interaction-repository';
import type { LeadRepository } from '../../ports/lead-repository';
import { FollowUpRunNotFoundError } from '../workflow/errors';
import { checkSendRules, type SendRuleDeps } from './check-send-rules';
import { followUpTimingFor } from './follow-up-context';
import type { FollowUpAgent, StepOutcomeResult } from './follow-up-send';
import { MAX_SEND_ATTEMPTS, putOffStep, RETRY_AFTER_MS } from './put-off-step';
import { repliesCountFrom } from './replies-count-from';
import { type SendDueStepDeps, sendDueStep } from './send-due-step';
import { type SettleStepDeps, settleStep } from './settle-step';
import { type StepConditionDeps, unmetCondition } from './step-conditions';

export type RunDueStepDeps = SendDueStepDeps &
  SettleStepDeps &
  SendRuleDeps &
  StepConditionDeps & {
    runs: Pick<
      FollowUpRunRepository,
      'get' | 'recordStepRan' | 'rescheduleStep' | 'recordStepResult' | 'advanceStepResult' | 'stop'
    >;
    leads: LeadRepository;
    agents: Pick<AgentRepository, 'get'>;
    interactions: Pick<InteractionRepository, 'listTimeline' | 'add'>;
    /** The brokerage's zone, for a lead whose agent has no profile yet. */
    defaultTimeZone: string;
    /**
     * The local runtime's speed-up shortens every wait, so a wake arrives before its step's time:
     * the step is then checked and sent as at that time. Never set in the cloud.
     */
    wakesComeEarly?: boolean;
  };

/** How much of the lead's timeline a draft is written from. */
const TIMELINE_PAGE = 25;

const defaultAgent = (timezone: string): FollowUpAgent => ({
  name: 'Your agent',
  timezone,
  quietHours: { start: '21:00', end: '08:00' },
  workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
});

/** A run started without a sequence (the engine's own tests) only claims its steps. */
const claimOnly = async (
  run: FollowUpRun,
  stepIndex: number,
  deps: RunDueStepDeps,
): Promise<SendStepResult> => {
  const claimed = await deps.runs.recordStepRan(run.enrollmentId, stepIndex, deps.clock.now());
  const outcome = claimed === 'recorded' ? 'sent' : claimed === 'already_ran' ? 'already_sent' : 'skipped';
  return { stepIndex, outcome };
};

/**
 * Runs a due follow-up step, every rule checked again now:
 * 1. a run no longer running sends nothing; an erased lead stops it (`lead_erased`);
 * 2. a reply since enrolment, a closed outcome or an opt-out skip the step (and stop the run where
 *    they end it); quiet hours in the lead's zone or an early wake move it later, unclaimed;
 * 3. a condition that does not hold skips it (`condition_not_met`);
 * 4. claim the step (once, whatever the retries), draft it and send it on its channel;
 * 5. record its result; a passing channel error gives the claim back and tries again a little later.
 */
export const runDueStep = async (event: SendStepEvent, deps: RunDueStepDeps): Promise<SendStepResult> => {
  const { enrollmentId, stepIndex } = event;
  const run = await deps.runs.get(enrollmentId);
  if (!run) throw new FollowUpRunNotFoundError(enrollmentId);
  if (run.status !== 'running') return { stepIndex, outcome: 'skipped', reason: 'not_running' };
  const enrolment = run.enrolment;
  const step = enrolment?.sequence.steps[stepIndex];
  const planned = run.steps[stepIndex];
  if (!enrolment || !step || !planned) return claimOnly(run, stepIndex, deps);
  if (run.stepsRun.includes(stepIndex)) return { stepIndex, outcome: 'already_sent' };

  const realNow = deps.clock.now();
  // A wake the local speed-up brought early is the step's own time: checked, sent and recorded as then.
  const early = deps.wakesComeEarly === true && realNow.getTime() < Date.parse(planned.dueAt);
  const now = early ? new Date(planned.dueAt) : realNow;
  if (early) deps = { ...deps, clock: fixedClock(now) };
  const claim = async () => deps.runs.recordStepRan(enrollmentId, stepIndex, now);
  const unclaimed = (claimed: string): SendStepResult => ({
    stepIndex,
    outcome: claimed === 'already_ran' ? 'already_sent' : 'skipped',
  });
  const settle = async (result: StepOutcomeResult, stopRun?: string) => {
    const claimed = await claim();
    return claimed === 'recorded' ? settleStep(run, stepIndex, result, deps, stopRun) : unclaimed(claimed);
  };
  const skipped = (reason: string) => ({ status: 'skipped' as const, channel: step.channel, reason });

  const lead = await deps.leads.get(enrolment.leadId);
  if (!lead) return settle(skipped('lead_erased'), 'lead_erased');
  const agent = (await deps.agents.get(enrolment.agentId)) ?? defaultAgent(deps.defaultTimeZone);
  const timing = followUpTimingFor(lead, agent);
  const repliesFrom = repliesCountFrom({ ...run, enrolment });
  const input = { lead, step, repliesFrom, dueAt: new Date(planned.dueAt), timing, now };
  const verdict = await checkSendRules(input, deps);
  if (verdict.kind === 'wait') return putOffStep(run, stepIndex, verdict.until, now, deps);
  if (verdict.kind === 'skip') return settle(skipped(verdict.reason), verdict.stopRun);
  const conditions = {
    conditions: step.conditions,
    stepIndex,
    results: run.results,
    repliedSinceEnrolment: false,
  };
  const condition = await unmetCondition(conditions, deps);
  if (condition) return settle({ ...skipped('condition_not_met'), condition });

  const claimed = await claim();
  if (claimed !== 'recorded') return unclaimed(claimed);
  const timeline = (await deps.interactions.listTimeline(lead.leadId, { limit: TIMELINE_PAGE })).items;
  const outcome = await sendDueStep({ enrollmentId, stepIndex, step, lead, agent, now }, timeline, deps);
  if (outcome.kind === 'result') return settleStep(run, stepIndex, outcome.result, deps);

  const sendAttempts = (planned.sendAttempts ?? 0) + 1;
  if (sendAttempts < MAX_SEND_ATTEMPTS) {
    const until = new Date(now.getTime() + RETRY_AFTER_MS * sendAttempts);
    const retried = await putOffStep(run, stepIndex, until, now, deps, { sendAttempts });
    if (retried.outcome === 'rescheduled') return retried;
  }
  return settleStep(
    run,
    stepIndex,
    { status: 'failed', channel: step.channel, reason: 'channel_error' },
    deps,
  );
};
