import type { SendStepResult } from '../../../schemas/workflow';
import type { BusinessMetrics } from '../../ports/business-metrics';
import type { Clock } from '../../ports/clock';
import {
  type FollowUpRun,
  type FollowUpRunRepository,
  type StepResult,
  wentOut,
} from '../../ports/follow-up-runs';
import type { StepOutcomeResult } from './follow-up-send';

export interface SettleStepDeps {
  runs: Pick<FollowUpRunRepository, 'recordStepResult' | 'advanceStepResult' | 'stop'>;
  metrics: Pick<BusinessMetrics, 'count'>;
  clock: Clock;
}

/** The step the lead answered: the latest one that went out before this one. */
const answeredStep = (run: FollowUpRun, stepIndex: number): StepResult | undefined =>
  [...run.results]
    .filter((result) => result.stepIndex < stepIndex && wentOut(result.status))
    .sort((a, b) => b.stepIndex - a.stepIndex)[0];

const OUTCOME: Record<StepResult['status'], SendStepResult['outcome']> = {
  sent: 'sent',
  task_created: 'task_created',
  delivered: 'sent',
  read: 'sent',
  replied: 'sent',
  skipped: 'skipped',
  failed: 'failed',
};

/**
 * Records what a claimed step became and counts it (sent by the channel really used, skipped or
 * failed by reason). A reply also marks the step the lead answered as `replied`; `stopRun` ends the
 * run with that reason, so no later step goes out.
 */
export const settleStep = async (
  run: FollowUpRun,
  stepIndex: number,
  result: StepOutcomeResult,
  deps: SettleStepDeps,
  stopRun?: string,
): Promise<SendStepResult> => {
  const now = deps.clock.now();
  const at = now.toISOString();
  if (result.reason === 'replied') {
    const answered = answeredStep(run, stepIndex);
    if (answered) await deps.runs.advanceStepResult(run.enrollmentId, answered.stepIndex, 'replied', now);
  }
  await deps.runs.recordStepResult(run.enrollmentId, { stepIndex, ranAt: at, updatedAt: at, ...result });
  if (result.status === 'skipped' || result.status === 'failed') {
    const metric = result.status === 'skipped' ? 'FollowUpStepSkipped' : 'FollowUpStepFailed';
    deps.metrics.count(metric, 1, { reason: result.reason ?? 'unknown' });
  } else {
    deps.metrics.count('FollowUpStepSent', 1, { channel: result.channel });
  }
  if (stopRun) await deps.runs.stop(run.enrollmentId, stopRun, now);
  return { stepIndex, outcome: OUTCOME[result.status], ...(result.reason && { reason: result.reason }) };
};
