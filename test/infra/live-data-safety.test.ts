import { readFileSync } from 'node:fs';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBrokerageStack } from './brokerage-app';
import { type DeployedLayout, layoutOf, unsafeChanges } from './live-data-safety';

const deployed: DeployedLayout = JSON.parse(
  readFileSync(new URL('./deployed-layout.json', import.meta.url), 'utf8'),
);
let current: DeployedLayout;
let template: Template;

beforeAll(() => {
  template = Template.fromStack(buildBrokerageStack({ brokerage: 'acme' }).stack);
  current = layoutOf(template);
});

describe('an update never costs the live leads or agents', () => {
  it('deploys over the committed layout safely: same table and pool keys, at most one index change', () => {
    expect(unsafeChanges(deployed, current)).toEqual([]);
  });

  it('refuses two new indexes in one update, a changed index key, and a changed table key', () => {
    const twoIndexes = structuredClone(current);
    twoIndexes.table.globalIndexes.gsi7 = ['gsi7pk:HASH', 'gsi7sk:RANGE'];
    twoIndexes.table.globalIndexes.gsi8 = ['gsi8pk:HASH', 'gsi8sk:RANGE'];
    const rekeyed = structuredClone(current);
    rekeyed.table.globalIndexes.gsi1 = ['gsi1pk:HASH'];
    const newKey = structuredClone(current);
    newKey.table.keySchema = ['pk:HASH'];
    const oneIndex = structuredClone(current);
    oneIndex.table.globalIndexes.gsi7 = ['gsi7pk:HASH', 'gsi7sk:RANGE'];

    expect(unsafeChanges(current, twoIndexes)).toEqual([
      expect.stringMatching(/adds gsi7, adds gsi8: .*one at a time/),
    ]);
    expect(unsafeChanges(current, rekeyed)).toEqual([expect.stringMatching(/changes the keys of gsi1/)]);
    expect(unsafeChanges(current, newKey)).toEqual([expect.stringMatching(/replace the table/)]);
    expect(unsafeChanges(current, oneIndex)).toEqual([]);
  });

  it('refuses a change to how the Meta secret is generated, and keeps the secret when the stack goes', () => {
    const newKey = structuredClone(current);
    newKey.metaSecret = {
      generateSecretString: { SecretStringTemplate: '{"pageId":""}', GenerateStringKey: 'verifyToken' },
    };

    expect(unsafeChanges(current, newKey)).toEqual([
      expect.stringMatching(/wiping the operator's credentials/),
    ]);
    const [secret] = Object.values(
      template.toJSON().Resources as Record<
        string,
        { Type: string; DeletionPolicy?: string; UpdateReplacePolicy?: string }
      >,
    ).filter((resource) => resource.Type === 'AWS::SecretsManager::Secret');
    expect(secret).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('refuses a change that would replace the user pool or change an attribute agents carry', () => {
    const aliases = structuredClone(current);
    aliases.userPool.usernameAttributes = ['email', 'phone_number'];
    const brokerage = structuredClone(current);
    (brokerage.userPool.attributes.brokerageId as Record<string, unknown>).mutable = true;
    const dropped = structuredClone(current);
    delete dropped.userPool.attributes.role;
    const added = structuredClone(current);
    added.userPool.attributes.team = { mutable: true, type: 'String' };

    expect(unsafeChanges(current, aliases)).toEqual([expect.stringMatching(/replace the user pool/)]);
    expect(unsafeChanges(current, brokerage)).toEqual([expect.stringMatching(/brokerageId/)]);
    expect(unsafeChanges(current, dropped)).toEqual([
      expect.stringMatching(/removes the user attribute role/),
    ]);
    expect(unsafeChanges(current, added)).toEqual([]);
  });
});
