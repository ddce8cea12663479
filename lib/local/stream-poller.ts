import { setTimeout as sleep } from 'node:timers/promises';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { Service } from 'electrodb';
import { tableStreamArn } from './ensure-table';
import { streamCheckpointEntity } from './stream-checkpoint-entity';
import { passesFilters } from './stream-filter';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;

export interface StreamPollerOptions {
  dynamoDb: DynamoDBClient;
  /** DynamoDB Local's address: its streams endpoint is the same. */
  endpoint: string;
  tableName: string;
  /** Names the checkpoint: one per consumer, as one event source mapping each. */
  consumer: string;
  filters: readonly Record<string, unknown>[];
  handler: StreamHandler;
  batchSize: number;
  /** Retries of a failing record before it is passed over (in the cloud: sent to the failure queue). */
  retryAttempts: number;
  everyMs?: number;
  log?: (line: string) => void;
}

export interface StreamPoller {
  /** Resolves once every record written before the call has been handled. */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

/** A stream record as Lambda hands it to a function. */
const asLambdaRecord = (record: StreamRecord, streamArn: string): DynamoDBRecord =>
  ({
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ...record.dynamodb,
      ApproximateCreationDateTime: Math.floor(
        (record.dynamodb?.ApproximateCreationDateTime?.getTime() ?? 0) / 1000,
      ),
    },
  }) as DynamoDBRecord;

/**
 * The local stand-in for a Lambda event source mapping on the table's stream: reads every shard in
 * order, passes the records the mapping's filters match to the handler in batches, retries a batch
 * from the record it reports failed (a bounded number of times), and keeps its position in a
 * checkpoint item. The checkpoint is written only after a page with records for the handler, so its
 * own writes, which the filters never match, do not keep the stream busy.
 */
export const startStreamPoller = async (options: StreamPollerOptions): Promise<StreamPoller> => {
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const { checkpoints } = new Service(
    { checkpoints: streamCheckpointEntity },
    { client: DynamoDBDocumentClient.from(options.dynamoDb), table: options.tableName },
  ).entities;
  const log = options.log ?? (() => undefined);
  const streamArn = await tableStreamArn(options.dynamoDb, options.tableName);
  const saved = (await checkpoints.get({ consumer: options.consumer }).go({ consistent: true })).data;
  // A checkpoint of another stream (the table was made again) says nothing about this one.
  const positions = new Map<string, string>(
    saved?.streamArn === streamArn ? Object.entries(saved.shards as Record<string, string>) : [],
  );
  const iterators = new Map<string, string | null>();
  const failures = new Map<string, number>();

  const saveCheckpoint = () =>
    checkpoints
      .put({
        consumer: options.consumer,
        streamArn,
        shards: Object.fromEntries(positions),
        updatedAt: new Date().toISOString(),
      })
      .go();

  const shardsOf = async (): Promise<Shard[]> => {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    // Parents before children, as Lambda reads them.
    return shards.sort((a, b) =>
      BigInt(a.SequenceNumberRange?.StartingSequenceNumber ?? 0) <
      BigInt(b.SequenceNumberRange?.StartingSequenceNumber ?? 0)
        ? -1
        : 1,
    );
  };

  const iteratorOf = async (shardId: string): Promise<string | null> => {
    const known = iterators.get(shardId);
    if (known !== undefined) return known;
    const after = positions.get(shardId);
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: after ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
        ...(after && { SequenceNumber: after }),
      }),
    );
    return ShardIterator ?? null;
  };

  /** Hands the matching records to the handler; the index of the first one it failed on, if any. */
  const deliver = async (records: DynamoDBRecord[]): Promise<number | undefined> => {
    for (let start = 0; start < records.length; start += options.batchSize) {
      const batch = records.slice(start, start + options.batchSize);
      const failed = await options.handler({ Records: batch }).then(
        (response) => response?.batchItemFailures[0]?.itemIdentifier,
        (error: unknown) => {
          log(`${options.consumer} failed: ${error instanceof Error ? error.message : String(error)}`);
          return batch[0]?.dynamodb?.SequenceNumber;
        },
      );
      if (failed !== undefined) {
        const at = batch.findIndex((record) => record.dynamodb?.SequenceNumber === failed);
        return start + Math.max(0, at);
      }
    }
    return undefined;
  };

  /** Reads one page of a shard; false when the shard is finished. */
  const readShard = async (shardId: string): Promise<boolean> => {
    const iterator = await iteratorOf(shardId);
    if (iterator === null) return false;
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
    const records = page.Records ?? [];
    const matching = records
      .map((record) => asLambdaRecord(record, streamArn))
      .filter((record) => passesFilters(options.filters, record));
    const failedAt = await deliver(matching);
    if (failedAt !== undefined) {
      const failed = matching[failedAt]?.dynamodb?.SequenceNumber as string;
      const attempts = (failures.get(failed) ?? 0) + 1;
      failures.set(failed, attempts);
      if (attempts <= options.retryAttempts) {
        // Read again from the failed record next time: the ones before it are done.
        const before = matching[failedAt - 1]?.dynamodb?.SequenceNumber;
        if (before) positions.set(shardId, before);
        if (before) await saveCheckpoint();
        iterators.delete(shardId);
        return true;
      }
      log(`${options.consumer}: record ${failed} failed ${attempts} times and is passed over`);
      failures.delete(failed);
    }
    const last = records.at(-1)?.dynamodb?.SequenceNumber;
    if (last) positions.set(shardId, last);
    if (matching.length > 0) await saveCheckpoint();
    iterators.set(shardId, page.NextShardIterator ?? null);
    return records.length > 0 || page.NextShardIterator !== undefined;
  };

  let stopped = false;
  let waiters: Array<() => void> = [];
  const loop = (async () => {
    while (!stopped) {
      const pendingWaiters = waiters;
      waiters = [];
      try {
        let busy = true;
        while (busy && !stopped) {
          busy = false;
          for (const shard of await shardsOf()) {
            if (!shard.ShardId) continue;
            const before = positions.get(shard.ShardId);
            await readShard(shard.ShardId);
            if (positions.get(shard.ShardId) !== before) busy = true;
          }
        }
        for (const resolve of pendingWaiters) resolve();
      } catch (error) {
        waiters.push(...pendingWaiters);
        // An expired or trimmed iterator: start each shard again from its position.
        iterators.clear();
        if (!stopped) log(`stream poller: ${error instanceof Error ? error.message : String(error)}`);
      }
      await sleep(options.everyMs ?? 200);
    }
  })();

  return {
    drained: () => new Promise<void>((resolve) => waiters.push(resolve)),
    async stop() {
      stopped = true;
      await loop;
      for (const resolve of waiters) resolve();
      streams.destroy();
    },
  };
};
