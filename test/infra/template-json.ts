import type { Template } from 'aws-cdk-lib/assertions';

/** The parts of a synthesized CloudFormation resource the infra tests read. */
export interface CfnResourceJson {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

export interface PolicyStatementJson {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
}

/** Resources of one type by logical id, typed for reading. */
export const resourcesOfType = (template: Template, type: string): Record<string, CfnResourceJson> =>
  template.findResources(type) as Record<string, CfnResourceJson>;

export const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Every Allow statement of the inline policies attached to the role with this logical id. */
export const statementsOfRole = (template: Template, roleLogicalId: string): PolicyStatementJson[] =>
  Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
    .filter((policy) =>
      asArray(policy.Properties.Roles as unknown[]).some(
        (role) => JSON.stringify(role) === JSON.stringify({ Ref: roleLogicalId }),
      ),
    )
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: PolicyStatementJson[] }).Statement)
    .filter((statement) => statement.Effect === 'Allow');

export const actionsOf = (statements: PolicyStatementJson[]): string[] =>
  statements.flatMap((statement) => asArray(statement.Action));
