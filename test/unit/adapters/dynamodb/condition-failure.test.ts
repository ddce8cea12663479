import { describe, expect, it } from 'vitest';
import { isConditionFailure } from '../../../../lambdas/adapters/dynamodb/condition-failure';

const named = (name: string, cause?: unknown) => Object.assign(new Error('refused', { cause }), { name });

describe('isConditionFailure', () => {
  it('knows the SDK’s refusal, whether bare or wrapped by ElectroDB', () => {
    expect(isConditionFailure(named('ConditionalCheckFailedException'))).toBe(true);
    expect(isConditionFailure(named('ElectroError', named('ConditionalCheckFailedException')))).toBe(true);
  });

  it('takes no other failure for a refusal', () => {
    expect(isConditionFailure(named('ProvisionedThroughputExceededException'))).toBe(false);
    expect(isConditionFailure(named('ElectroError', named('TransactionCanceledException')))).toBe(false);
    expect(isConditionFailure(named('ElectroError', { name: 'ConditionalCheckFailedException' }))).toBe(
      false,
    );
    expect(isConditionFailure({ name: 'ConditionalCheckFailedException' })).toBe(false);
    expect(isConditionFailure(undefined)).toBe(false);
  });
});
