import { describe, expect, it } from 'vitest';
import { withCursor } from '../../../../lambdas/adapters/dynamodb/query-errors';
import { ValidationError } from '../../../../lambdas/domain/errors';

const failing = (error: unknown) => () => Promise.reject(error);
const named = (name: string, message = 'failed', cause?: unknown) =>
  Object.assign(new Error(message, { cause }), { name });

describe('withCursor', () => {
  it('gives back what the query returns', async () => {
    expect(await withCursor('abc', async () => ['lead-1'])).toEqual(['lead-1']);
    expect(await withCursor(undefined, async () => 7)).toBe(7);
  });

  it.each([
    ['ElectroDB names the cursor', named('ElectroError', 'Error - Invalid Cursor')],
    ['DynamoDB names the start key', named('ElectroError', 'The provided ExclusiveStartKey is invalid')],
    ['DynamoDB Local names the starting key', named('ElectroError', 'The provided starting key is invalid')],
    [
      'the message spells it out',
      named('ElectroError', 'Exclusive Start Key must have same size as table key'),
    ],
    [
      'the SDK refused it as invalid input',
      named('ElectroError', 'query failed', named('ValidationException')),
    ],
    ['the SDK error arrives bare', named('ValidationException')],
  ])('turns a cursor the store cannot use into a validation error on the cursor: %s', async (_, error) => {
    const answer = withCursor('bad-cursor', failing(error));

    await expect(answer).rejects.toBeInstanceOf(ValidationError);
    await expect(answer).rejects.toMatchObject({
      issues: [{ field: 'cursor', message: 'is not a cursor from this list' }],
    });
  });

  it('passes on a failure when the caller sent no cursor, even one that looks like a cursor error', async () => {
    const error = named('ValidationException', 'ExclusiveStartKey is invalid');
    await expect(withCursor(undefined, failing(error))).rejects.toBe(error);
  });

  it('passes on a failure that has nothing to do with the cursor', async () => {
    const error = named(
      'ProvisionedThroughputExceededException',
      'Rate exceeded',
      named('ThrottlingException'),
    );
    await expect(withCursor('a-cursor', failing(error))).rejects.toBe(error);
    await expect(withCursor('a-cursor', failing('a string thrown'))).rejects.toBe('a string thrown');
    // Only a real SDK error as the cause counts, not something shaped like one.
    const lookalike = named('ElectroError', 'query failed', { name: 'ValidationException' });
    await expect(withCursor('a-cursor', failing(lookalike))).rejects.toBe(lookalike);
  });
});
