import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrokerageStack } from '../../lib/stacks/brokerage-stack';
import { followUpReactionFilters } from '../../schemas/follow-up-reactions';
import { buildBrokerageStack } from './brokerage-app';
import { actionsOf, resourcesOfType, statementsOfRole } from './template-json';

describe('FollowUpReactions', () => {
  let stack: BrokerageStack;
  let template: Template;
  const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(construct.node.defaultChild as CfnElement);

  beforeAll(() => {
    ({ stack } = buildBrokerageStack({ brokerage: 'acme' }));
    template = Template.fromStack(stack);
  });

  it("turns on the table's stream with new and old images, keeping the table itself", () => {
    const [table] = Object.values(resourcesOfType(template, 'AWS::DynamoDB::GlobalTable'));
    expect(table?.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(table?.DeletionPolicy).toBe('Retain');
  });

  it('reads the stream filtered at the source to lead events that end follow-ups and follow-up message statuses', () => {
    const mappings = Object.values(resourcesOfType(template, 'AWS::Lambda::EventSourceMapping')).filter(
      (candidate) =>
        JSON.stringify(candidate.Properties.FunctionName) ===
        JSON.stringify({ Ref: logicalId(stack.followUpReactions.function.lambda) }),
    );
    expect(mappings).toHaveLength(1);
    const [mapping] = mappings;
    expect(mapping?.Properties).toMatchObject({
      FunctionName: { Ref: logicalId(stack.followUpReactions.function.lambda) },
      EventSourceArn: { 'Fn::GetAtt': [logicalId(stack.table), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      FilterCriteria: {
        Filters: followUpReactionFilters.map((pattern) => ({ Pattern: JSON.stringify(pattern) })),
      },
    });
    const patterns = JSON.stringify(mapping?.Properties.FilterCriteria);
    for (const type of ['lead.replied', 'lead.opted_out', 'lead.outcome_recorded'])
      expect(patterns).toContain(type);
    expect(patterns).not.toContain('lead.opted_in');
  });

  it('retries a failing batch a bounded number of times, halving it, then sends it to a queue with an alarm', () => {
    const queueArn = { 'Fn::GetAtt': [logicalId(stack.followUpReactions.failureQueue), 'Arn'] };
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      MaximumRetryAttempts: 4,
      MaximumRecordAgeInSeconds: 86_400,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: queueArn } },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [logicalId(stack.followUpReactions.failureQueue), 'QueueName'] },
        },
      ],
      Threshold: 1,
      AlarmActions: [{ Ref: Match.anyValue() }],
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });

  it('may wake follow-up executions of its own state machine and read and write the table, nothing wider', () => {
    const role = logicalId(stack.followUpReactions.function.role);
    const statements = statementsOfRole(template, role);
    const actions = actionsOf(statements);
    expect(actions).toEqual(
      expect.arrayContaining(['states:SendTaskSuccess', 'scheduler:DeleteSchedule', 'dynamodb:GetRecords']),
    );
    expect(actions).not.toContain('states:StartExecution');
    const wake = statements.find((statement) => actionsOf([statement]).includes('states:SendTaskSuccess'));
    expect(wake?.Resource).toEqual({ Ref: logicalId(stack.followUps.stateMachine) });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: Match.anyValue(),
          SCHEDULE_GROUP_NAME: Match.anyValue(),
          POWERTOOLS_SERVICE_NAME: 'lead-crm',
        }),
      },
      Description: Match.stringLikeRegexp('^Follow-up reactions'),
    });
  });
});
