import { ValidationError } from '../../domain/errors';

/** A client-supplied cursor that DynamoDB or ElectroDB cannot use is the caller's mistake, not ours. */
export const withCursor = async <T>(cursor: string | undefined, run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    if (cursor !== undefined && isCursorError(error)) {
      throw new ValidationError([{ field: 'cursor', message: 'is not a cursor from this list' }]);
    }
    throw error;
  }
};

const isCursorError = (error: unknown): boolean => {
  const message = error instanceof Error ? error.message : '';
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  return (
    /cursor|ExclusiveStartKey|starting key|Exclusive Start Key/i.test(message) ||
    cause?.name === 'ValidationException' ||
    (error as { name?: string }).name === 'ValidationException'
  );
};
