import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { idempotencyRecordLayout } from '../../adapters/dynamodb/entities/idempotency-record';
import {
  createIdempotencyLinks,
  ERASED_ANSWER,
  type IdempotencyLinks,
  isErasedAnswer,
} from '../../adapters/dynamodb/idempotency-links';
import { env, tableName } from '../env';
import { crmService } from '../wiring';
import { HttpError } from './http-error';

/** What a replay must match: the caller, the route with its path, their key and the body they sent. */
export interface IdempotentRequest {
  key: string;
  body: string;
  /** The lead the route's path names, if any: its erase must empty the stored answer. */
  leadId?: string;
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
 * The scope of a key: the caller, the route and its path parameters, so the same key sent to another lead
 * (or by another agent) is a request of its own, never a replay of the first one's answer.
 */
export const idempotencyScope = (
  agentId: string,
  routeId: string,
  pathParameters: Record<string, string | undefined>,
  key: string,
): string => {
  const path = Object.entries(pathParameters)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([agentId, routeId, path, key]);
};

type JSONValue = Parameters<DynamoDBPersistenceLayer['saveSuccess']>[1];

/** The lead a stored answer is about: the one the path names, or the one the answer itself names (a create). */
const leadIdOf = (request: JSONValue, result: JSONValue): string | undefined => {
  const named = (value: JSONValue, field: string) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? value[field] : undefined;
  const fromPath = named(request, 'leadId');
  if (typeof fromPath === 'string') return fromPath;
  const fromBody = named(named(result, 'body') ?? null, 'leadId');
  return typeof fromBody === 'string' ? fromBody : undefined;
};

/**
 * Powertools' DynamoDB records, plus a link in the lead's partition for every answer about a lead, so the
 * lead's erase finds and empties them (an answer may hold the lead's name, number and words).
 */
class LeadLinkedPersistenceLayer extends DynamoDBPersistenceLayer {
  constructor(
    config: ConstructorParameters<typeof DynamoDBPersistenceLayer>[0],
    private readonly links: IdempotencyLinks,
  ) {
    super(config);
  }

  override async saveSuccess(request: JSONValue, result: JSONValue): Promise<void> {
    const leadId = leadIdOf(request, result);
    if (leadId === undefined) return super.saveSuccess(request, result);
    const recordKey = this.getHashedIdempotencyKey(request);
    const expiresAt = Math.round(Date.now() / 1000 + this.getExpiresAfterSeconds());
    // Linked first (refused once the lead's erase has begun), so no stored answer escapes the erase.
    const linked = await this.links.link(leadId, recordKey, expiresAt, new Date());
    await super.saveSuccess(request, linked ? result : ERASED_ANSWER);
    // An erase that began after the link emptied the record before this answer landed: empty it again.
    if (linked && !(await this.links.isAlive(leadId))) await super.saveSuccess(request, ERASED_ANSWER);
  }
}

/**
 * Runs a POST once per Idempotency-Key (Powertools idempotency, records in the table's own
 * `idempotency` partition, kept 24 h): a replay from an app that lost its connection gets the first
 * answer instead of a second lead or a second message.
 */
export const runIdempotently: Runner = (request, run, context) => {
  runner ??= createRunner();
  return runner(request, run, context).then(
    (result) => {
      if (isErasedAnswer(result)) {
        throw new HttpError(410, 'Gone', 'The lead this request was about has been erased');
      }
      return result;
    },
    (error: unknown) => {
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
    },
  );
};

const createRunner = (): Runner => {
  const config = env();
  const persistenceStore = new LeadLinkedPersistenceLayer(
    {
      tableName: tableName(),
      ...idempotencyRecordLayout,
      awsSdkV3Client: new DynamoDBClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT }),
    },
    createIdempotencyLinks(crmService()),
  );
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
