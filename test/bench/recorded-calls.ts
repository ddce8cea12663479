import * as DynamoDb from '@aws-sdk/client-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as DocumentDb from '@aws-sdk/lib-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

interface RecordedCall {
  /** The document client's commands (what ElectroDB sends) or the plain client's. */
  client: 'document' | 'plain';
  command: string;
  input: unknown;
  start: number;
  end: number;
}

type AnyCommand = { constructor: { name: string }; input: unknown };

/**
 * Runs `request` once and records every DynamoDB call the server made for it (the gateway runs the
 * handlers in this process, so their clients share this module's prototype), with when each started
 * and ended.
 */
export const recordCalls = async (request: () => Promise<void>): Promise<RecordedCall[]> => {
  const calls: RecordedCall[] = [];
  const patch = (prototype: { send: unknown }, client: RecordedCall['client']) => {
    const original = prototype.send as (...args: unknown[]) => Promise<unknown>;
    prototype.send = async function (this: unknown, command: AnyCommand, ...rest: unknown[]) {
      const start = performance.now();
      try {
        return await original.call(this, command, ...rest);
      } finally {
        calls.push({
          client,
          command: command.constructor.name,
          input: structuredClone(command.input),
          start,
          end: performance.now(),
        });
      }
    };
    return () => {
      prototype.send = original;
    };
  };
  const restore = [
    patch(DynamoDBDocumentClient.prototype, 'document'),
    patch(DynamoDBClient.prototype, 'plain'),
  ];
  try {
    await request();
  } finally {
    for (const undo of restore) undo();
  }
  return calls.sort((a, b) => a.start - b.start);
};

/**
 * The recorded calls as waves: a call that started before every call of the current wave ended ran
 * beside them, so it is sent beside them; the next wave waits for the last. Replaying that way is the
 * fastest the same calls can go, so the ratio to it is never flattered.
 */
const wavesOf = (calls: RecordedCall[]): RecordedCall[][] => {
  const waves: RecordedCall[][] = [];
  let waveEnd = Number.NEGATIVE_INFINITY;
  for (const call of calls) {
    const current = waves.at(-1);
    if (current && call.start < waveEnd) {
      current.push(call);
      waveEnd = Math.max(waveEnd, call.end);
    } else {
      waves.push([call]);
      waveEnd = call.end;
    }
  }
  return waves;
};

export interface Replay {
  /** The same calls straight through the SDK, in the same waves. */
  run(): Promise<void>;
  /** e.g. "GetItem, 3×Query ‖ 2×Query, BatchGetItem": waves separated by →. */
  describe: string;
}

/** Sends the recorded calls again through a bare client; a refused conditional write still costs its round trip. */
export const replayOf = (calls: RecordedCall[], client: DynamoDBClient): Replay => {
  const waves = wavesOf(calls);
  const document = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const commands = {
    document: DocumentDb as unknown as Record<string, new (input: unknown) => AnyCommand>,
    plain: DynamoDb as unknown as Record<string, new (input: unknown) => AnyCommand>,
  };
  const send = (call: RecordedCall) => {
    const Command = commands[call.client][call.command];
    if (!Command) throw new Error(`no command ${call.command}`);
    const sent =
      call.client === 'document'
        ? document.send(new Command(call.input) as never)
        : client.send(new Command(call.input) as never);
    return sent.catch(() => undefined);
  };
  const describe = waves
    .map((wave) => {
      const counts = new Map<string, number>();
      for (const call of wave) {
        const name = call.command.replace(/Command$/, '');
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      return [...counts].map(([name, n]) => (n > 1 ? `${n}×${name}` : name)).join(' + ');
    })
    .join(' → ');
  return {
    async run() {
      for (const wave of waves) await Promise.all(wave.map(send));
    },
    describe,
  };
};
