import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { env, tableName } from '../env';
import { HttpError } from './http-error';

/** What a replay must match: the caller, the route, their key and the body they sent. */
export interface IdempotentRequest {
  key: string;
  body: string;
}

type Runner = <T>(request: IdempotentRequest, run: () => Promise<T>, context: Context) => Promise<T>;

const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;
const REPLAY_WINDOW_SECONDS = 24 * 3600;

let runner: Runner | undefined;

/** The `Idempotency-Key` header, checked, or undefined when the client sent none. */
export const idempotencyKeyOf = (headers: Record<string, string | undefined>): string | undefined => {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!KEY_PATTERN.test(key)) {
    throw new HttpError(400, 'Invalid request', 'Idempotency-Key must be 8-128 letters, digits or . _ : -', [
      { field: 'Idempotency-Key', message: 'must be 8-128 letters, digits or . _ : -' },
    ]);
  }
  return key;
};

/**
 * Runs a POST once per Idempotency-Key (Powertools idempotency, records in the table's own
 * `idempotency` partition, kept 24 h): a replay from an app that lost its connection gets the first
 * answer instead of a second lead or a second message.
 */
export const runIdempotently: Runner = (request, run, context) => {
  runner ??= createRunner();
  return runner(request, run, context).catch((error: unknown) => {
    if (error instanceof IdempotencyAlreadyInProgressError) {
      throw new HttpError(409, 'Conflict', 'A request with this Idempotency-Key is still being processed');
    }
    if (error instanceof IdempotencyValidationError) {
      throw new HttpError(
        422,
        'Cannot do that now',
        'This Idempotency-Key was already used with another body',
        [{ field: 'Idempotency-Key', message: 'was already used with another body' }],
      );
    }
    throw error;
  });
};

const createRunner = (): Runner => {
  const config = env();
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: tableName(),
    keyAttr: 'pk',
    sortKeyAttr: 'sk',
    staticPkValue: 'idempotency',
    expiryAttr: 'expiresAt',
    awsSdkV3Client: new DynamoDBClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT }),
  });
  const idempotencyConfig = new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    payloadValidationJmesPath: 'body',
    expiresAfterSeconds: REPLAY_WINDOW_SECONDS,
  });
  const once = makeIdempotent(async (_request: IdempotentRequest, run: () => Promise<unknown>) => run(), {
    persistenceStore,
    config: idempotencyConfig,
  });
  return async <T>(request: IdempotentRequest, run: () => Promise<T>, context: Context) => {
    idempotencyConfig.registerLambdaContext(context);
    return (await once(request, run)) as T;
  };
};
