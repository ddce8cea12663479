import type { AgentProfile } from '../../../schemas/api/agents';
import type { Lead } from '../../../schemas/api/leads';
import type { SequenceStep } from '../../../schemas/api/sequences';
import type { StepResult } from '../../ports/follow-up-runs';
import { UnavailableError } from '../errors';
import {
  ChannelUnavailableError,
  InvalidRecipientError,
  MessagingRejectedError,
  WindowClosedError,
} from '../messaging/messaging-errors';
import type { DraftContext } from './draft-context';
import type { DraftedFollowUp } from './draft-follow-up';

export type FollowUpAgent = Pick<AgentProfile, 'name' | 'timezone' | 'quietHours' | 'workingHours'>;

/** One step about to go out: claimed, drafted, cleared by every send-time rule. */
export interface DueStep {
  enrollmentId: string;
  stepIndex: number;
  step: SequenceStep;
  lead: Lead;
  agent: FollowUpAgent;
  context: DraftContext;
  drafted: DraftedFollowUp;
  now: Date;
}

/** What a step's result records besides its index and times. */
export type StepOutcomeResult = Omit<StepResult, 'stepIndex' | 'ranAt' | 'updatedAt'>;

/** A recorded result, or "nothing went out, try again later" (a passing channel error). */
export type StepOutcome = { kind: 'result'; result: StepOutcomeResult } | { kind: 'retry'; error: string };

/** The reference a step's timeline entry and task carry, so statuses and results tie back to it. */
export const followUpRefOf = ({ enrollmentId, stepIndex }: Pick<DueStep, 'enrollmentId' | 'stepIndex'>) => ({
  enrollmentId,
  stepIndex,
});

/**
 * What a channel's refusal means for the step: a number or address that cannot receive → failed
 * `undeliverable`; throttling or an outage before anything reached the channel → retry later; a send
 * that may have gone out or any other refusal → failed `channel_error` (never a second send).
 * Anything else is a bug and is rethrown.
 */
export const outcomeOfChannelError = (error: unknown, channel: StepResult['channel']): StepOutcome => {
  const failed = (reason: string): StepOutcome => ({
    kind: 'result',
    result: { status: 'failed', channel, reason },
  });
  if (error instanceof InvalidRecipientError) return failed('undeliverable');
  if (error instanceof WindowClosedError) return failed('window_closed');
  if (error instanceof ChannelUnavailableError && error.mayHaveBeenSent) return failed('channel_error');
  if (error instanceof UnavailableError) return { kind: 'retry', error: error.name };
  if (error instanceof MessagingRejectedError) return failed('channel_error');
  throw error;
};
