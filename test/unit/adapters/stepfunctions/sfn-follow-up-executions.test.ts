import {
  ExecutionAlreadyExists,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSfnFollowUpExecutions } from '../../../../lambdas/adapters/stepfunctions/sfn-follow-up-executions';

const sfn = mockClient(SFNClient);
const metadata = { httpStatusCode: 400, requestId: 'b1f6c0de-0000-4000-8000-000000000002' };
const stateMachineArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:FollowUps';
const enrollmentId = '01JD7Q3M2Y9V1X8K4T6R5W0ZAB_builtin-hot';

const executions = () =>
  createSfnFollowUpExecutions({ sfn: new SFNClient({ region: 'us-east-1' }), stateMachineArn });

describe('the Step Functions follow-up executions adapter', () => {
  beforeEach(() => sfn.reset());

  it('starts an execution named after the enrolment, with the enrolment as its input', async () => {
    sfn
      .on(StartExecutionCommand)
      .resolves({ executionArn: `${stateMachineArn}:${enrollmentId}`, startDate: new Date() });

    await expect(executions().start(enrollmentId, { enrollmentId })).resolves.toBe('started');

    expect(sfn).toHaveReceivedCommandWith(StartExecutionCommand, {
      stateMachineArn,
      name: enrollmentId,
      input: JSON.stringify({ enrollmentId }),
    });
  });

  it('treats an execution of that name already there as started', async () => {
    sfn
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: 'Execution already exists', $metadata: metadata }));

    await expect(executions().start(enrollmentId, { enrollmentId })).resolves.toBe('already_started');
  });

  it('lets any other failure through, so the enrolment answers an error and can be retried', async () => {
    sfn
      .on(StartExecutionCommand)
      .rejects(
        new StateMachineDoesNotExist({ message: 'State machine does not exist', $metadata: metadata }),
      );

    await expect(executions().start(enrollmentId, { enrollmentId })).rejects.toThrow(
      'State machine does not exist',
    );
  });
});
