import { App, Stack } from 'aws-cdk-lib';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { followUpTaskList, type WorkflowTaskDefinition } from '../../../schemas/workflow';
import { loadBrokerageConfig } from '../../config';
import { FollowUpWorkflow } from '../../constructs/follow-up-workflow';

const account = '000000000000';
const region = 'us-east-1';

/** The ARN the rendered definition uses for a task's function; the runner routes it back to the handler. */
export const localFunctionArn = (task: WorkflowTaskDefinition): string =>
  `arn:aws:lambda:${region}:${account}:function:${task.id}`;

const pseudoParameters: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': region,
  'AWS::AccountId': account,
  'AWS::URLSuffix': 'amazonaws.com',
};

/** Resolves the `Fn::Join` CloudFormation wraps a definition in; only pseudo parameters may remain as tokens. */
export const resolveDefinitionString = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const object = (value ?? {}) as Record<string, unknown>;
  if (typeof object.Ref === 'string') {
    const resolved = pseudoParameters[object.Ref];
    if (resolved === undefined) throw new Error(`The rendered definition refers to ${object.Ref}`);
    return resolved;
  }
  const join = object['Fn::Join'];
  if (Array.isArray(join)) {
    const [separator, parts] = join as [string, unknown[]];
    return parts.map(resolveDefinitionString).join(separator);
  }
  throw new Error(`Cannot resolve ${JSON.stringify(value)} in the rendered definition`);
};

/**
 * The follow-up state machine's definition exactly as the CDK construct renders it: the construct
 * is synthesized in a throwaway stack around imported functions (so nothing is bundled), and the
 * definition is read from the template.
 */
export const renderFollowUpDefinition = (): StateMachineDefinition => {
  const app = new App();
  const stack = new Stack(app, 'FollowUpDefinition', { env: { account, region } });
  const workflow = new FollowUpWorkflow(stack, 'FollowUps', {
    config: loadBrokerageConfig('demo'),
    resources: {
      table: Table.fromTableName(stack, 'Table', 'local'),
      bedrockModelId: 'local',
      whatsAppSecret: Secret.fromSecretNameV2(stack, 'Secret', 'local'),
    },
    alarmTopic: Topic.fromTopicArn(stack, 'Alarms', `arn:aws:sns:${region}:${account}:local`),
    taskFunctions: (task) => LambdaFunction.fromFunctionArn(stack, task.id, localFunctionArn(task)),
  });
  const template = app.synth().getStackByName(stack.stackName).template as {
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  };
  const logicalId = stack.getLogicalId(workflow.stateMachine.node.defaultChild as never);
  const resource = template.Resources[logicalId];
  if (!resource) throw new Error('The rendered stack has no state machine');
  const definition = JSON.parse(resolveDefinitionString(resource.Properties.DefinitionString));
  if (followUpTaskList.length === 0) throw new Error('The follow-up workflow has no tasks');
  return definition as StateMachineDefinition;
};
