import type { Template } from 'aws-cdk-lib/assertions';
import { resourcesOfType } from './template-json';

/** The parts of a stack whose change decides whether live leads and agents survive an update. */
export interface DeployedLayout {
  table: { keySchema: string[]; globalIndexes: Record<string, string[]> };
  /** How CloudFormation generates the Meta credentials secret: any change generates the whole value again. */
  metaSecret: { generateSecretString: unknown };
  userPool: {
    usernameAttributes: string[];
    caseSensitive: boolean;
    attributes: Record<string, Record<string, unknown>>;
  };
}

type KeyElement = { AttributeName: string; KeyType: string };
type SchemaAttribute = {
  Name: string;
  Mutable?: boolean;
  Required?: boolean;
  AttributeDataType?: string;
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string };
};

/** JSON with object keys sorted, so the order a template or a file lists them in does not matter. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );

const keys = (schema: KeyElement[]) =>
  schema.map(({ AttributeName, KeyType }) => `${AttributeName}:${KeyType}`);

const only = <T>(items: T[], what: string): T => {
  if (items.length !== 1) throw new Error(`Expected one ${what}, found ${items.length}`);
  return items[0] as T;
};

/** The layout a synthesized stack would deploy. */
export const layoutOf = (template: Template): DeployedLayout => {
  const table = only(
    Object.values(resourcesOfType(template, 'AWS::DynamoDB::GlobalTable')),
    'table',
  ).Properties;
  const pool = only(
    Object.values(resourcesOfType(template, 'AWS::Cognito::UserPool')),
    'user pool',
  ).Properties;
  const indexes = (table.GlobalSecondaryIndexes ?? []) as { IndexName: string; KeySchema: KeyElement[] }[];
  const generated = Object.values(resourcesOfType(template, 'AWS::SecretsManager::Secret')).filter(
    (secret) => secret.Properties.GenerateSecretString !== undefined,
  );
  return {
    metaSecret: { generateSecretString: only(generated, 'generated secret').Properties.GenerateSecretString },
    table: {
      keySchema: keys(table.KeySchema as KeyElement[]),
      globalIndexes: Object.fromEntries(indexes.map((index) => [index.IndexName, keys(index.KeySchema)])),
    },
    userPool: {
      usernameAttributes: (pool.UsernameAttributes ?? []) as string[],
      caseSensitive: Boolean(
        (pool.UsernameConfiguration as { CaseSensitive?: boolean } | undefined)?.CaseSensitive,
      ),
      attributes: Object.fromEntries(
        ((pool.Schema ?? []) as SchemaAttribute[]).map((attribute) => [
          attribute.Name,
          Object.fromEntries(
            Object.entries({
              mutable: attribute.Mutable,
              required: attribute.Required,
              type: attribute.AttributeDataType,
              minLength: attribute.StringAttributeConstraints?.MinLength,
              maxLength: attribute.StringAttributeConstraints?.MaxLength,
            }).filter(([, value]) => value !== undefined),
          ),
        ]),
      ),
    },
  };
};

/**
 * What would go wrong deploying `next` over a stack deployed with `deployed`, in words an operator
 * can act on; empty when the update is safe for live data.
 */
export const unsafeChanges = (deployed: DeployedLayout, next: DeployedLayout): string[] => {
  const problems: string[] = [];
  const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
  if (!same(deployed.table.keySchema, next.table.keySchema)) {
    problems.push('the table key changes: CloudFormation would replace the table and every lead with it');
  }
  const before = deployed.table.globalIndexes;
  const after = next.table.globalIndexes;
  const indexChanges = [
    ...Object.keys(after)
      .filter((name) => !(name in before))
      .map((name) => `adds ${name}`),
    ...Object.keys(before)
      .filter((name) => !(name in after))
      .map((name) => `removes ${name}`),
    ...Object.keys(after)
      .filter((name) => name in before && !same(before[name], after[name]))
      .map((name) => `changes the keys of ${name} (a removal and an addition)`),
  ];
  const indexOperations = indexChanges.reduce(
    (sum, change) => sum + (change.startsWith('changes') ? 2 : 1),
    0,
  );
  if (indexOperations > 1) {
    problems.push(
      `${indexChanges.join(', ')}: DynamoDB takes one global secondary index change per update; deploy them one at a time`,
    );
  }
  if (!same(deployed.metaSecret, next.metaSecret)) {
    problems.push(
      "how the Meta secret is generated changes: CloudFormation would generate its whole value again, wiping the operator's credentials",
    );
  }
  const pool = deployed.userPool;
  if (
    !same(pool.usernameAttributes, next.userPool.usernameAttributes) ||
    pool.caseSensitive !== next.userPool.caseSensitive
  ) {
    problems.push(
      'the sign-in attributes change: CloudFormation would replace the user pool and every agent with it',
    );
  }
  for (const [name, attribute] of Object.entries(pool.attributes)) {
    const now = next.userPool.attributes[name];
    if (!now)
      problems.push(
        `removes the user attribute ${name}: Cognito cannot remove an attribute from a live pool`,
      );
    else if (!same(attribute, now))
      problems.push(`changes the user attribute ${name}: Cognito cannot change a live pool's attribute`);
  }
  return problems;
};
