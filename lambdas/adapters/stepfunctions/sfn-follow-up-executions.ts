import { type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { FollowUpExecutions } from '../../ports/follow-up-executions';

export interface SfnFollowUpExecutionsOptions {
  sfn: SFNClient;
  /** The follow-up state machine; locally the one the local runner serves. */
  stateMachineArn: string;
}

/**
 * Starts executions through Step Functions' StartExecution. Names are deterministic, so an
 * `ExecutionAlreadyExists` means an earlier attempt started it: that is success, not a failure.
 */
export const createSfnFollowUpExecutions = ({
  sfn,
  stateMachineArn,
}: SfnFollowUpExecutionsOptions): FollowUpExecutions => ({
  async start(name, input) {
    try {
      await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
      return 'started';
    } catch (error) {
      if (error instanceof Error && error.name === 'ExecutionAlreadyExists') return 'already_started';
      throw error;
    }
  },
});
