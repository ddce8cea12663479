import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { PortInUseError, startDynamoDbLocal } from '../../../lib/local/dynamodb-local';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'dynamodb-local-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Pids whose command line serves DynamoDB Local on a port: Java itself, or also its wrapper shells. */
const pidsOnPort = (port: number, { javaOnly = true } = {}): number[] => {
  const pattern = `${javaOnly ? '^java ' : ''}.*DynamoDBLocal\\.jar.* -port ${port}( |$)`;
  try {
    return execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).trim().split('\n').map(Number);
  } catch {
    // pgrep exits 1 when nothing matches.
    return [];
  }
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** This machine's own addresses other than loopback (link-local ones need a scope, so they are left out). */
const nonLoopbackAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((i) => i !== undefined && !i.internal && !i.address.startsWith('fe80:'))
  .map((i) => i?.address as string);

/** Whether a TCP connection to host:port is accepted. */
const accepts = (host: string, port: number): Promise<boolean> =>
  new Promise((resolveAccepts) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolveAccepts(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolveAccepts(false);
    });
    socket.once('error', () => resolveAccepts(false));
  });

const clientFor = (endpoint: string, region: string, accessKeyId: string) =>
  new DynamoDBClient({ endpoint, region, credentials: { accessKeyId, secretAccessKey: 'secret' } });

const simpleTable = (TableName: string) =>
  new CreateTableCommand({
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  });

// Each test starts its own JVM, which takes several seconds on a busy machine.
describe('startDynamoDbLocal', { timeout: 60_000 }, () => {
  it('serves one database to every region and credential on a free port', async () => {
    const dynamoDb = await startDynamoDbLocal();
    try {
      await clientFor(dynamoDb.endpoint, 'us-east-1', 'alice').send(simpleTable('shared'));

      const { TableNames } = await clientFor(dynamoDb.endpoint, 'eu-west-1', 'bob').send(
        new ListTablesCommand({}),
      );

      expect(dynamoDb.endpoint).toBe(`http://127.0.0.1:${dynamoDb.port}`);
      expect(TableNames).toEqual(['shared']);
    } finally {
      await dynamoDb.stop();
    }
  });

  it.skipIf(nonLoopbackAddresses.length === 0)(
    "listens on loopback only: this machine's other addresses refuse the connection",
    async () => {
      const dynamoDb = await startDynamoDbLocal();
      try {
        expect(await accepts('127.0.0.1', dynamoDb.port)).toBe(true);
        for (const address of nonLoopbackAddresses) {
          expect(await accepts(address, dynamoDb.port), address).toBe(false);
        }
      } finally {
        await dynamoDb.stop();
      }
    },
  );

  it('stop() waits for Java to exit, so a restart on the same port serves the data kept in dataDir', async () => {
    const dataDir = join(scratch, 'data', 'nested');
    const first = await startDynamoDbLocal({ dataDir });
    const [firstJavaPid] = pidsOnPort(first.port);
    const writer = clientFor(first.endpoint, 'us-east-1', 'local');
    await writer.send(simpleTable('kept'));
    await writer.send(
      new PutItemCommand({ TableName: 'kept', Item: { pk: { S: 'lead#1' }, name: { S: 'Sam' } } }),
    );

    await first.stop();

    expect(firstJavaPid).toBeGreaterThan(0);
    expect(isAlive(firstJavaPid ?? 0)).toBe(false);
    const second = await startDynamoDbLocal({ dataDir, port: first.port });
    try {
      const { Item } = await clientFor(second.endpoint, 'us-east-1', 'local').send(
        new GetItemCommand({ TableName: 'kept', Key: { pk: { S: 'lead#1' } } }),
      );

      expect(Item?.name).toEqual({ S: 'Sam' });
    } finally {
      await second.stop();
    }
  });

  it('fails with a clear message when the port is already taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const failure = startDynamoDbLocal({ port });

      await expect(failure).rejects.toBeInstanceOf(PortInUseError);
      await expect(failure).rejects.toThrow(`Port ${port} is already in use`);
      expect(pidsOnPort(port)).toEqual([]);
    } finally {
      blocker.close();
    }
  });

  it('reports through exited when DynamoDB Local stops on its own', async () => {
    const dynamoDb = await startDynamoDbLocal();
    const [javaPid] = pidsOnPort(dynamoDb.port);

    process.kill(javaPid ?? 0, 'SIGKILL');

    await expect(dynamoDb.exited).resolves.toBeUndefined();
    await expect(dynamoDb.stop()).resolves.toBeUndefined();
  });

  it('dies with the Node process that started it, even when that process is SIGKILLed', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'test/integration/local/fixtures/start-then-wait.ts')],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const [firstLine] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const { port } = JSON.parse(firstLine) as { port: number };
    const [javaPid] = pidsOnPort(port);
    expect(javaPid).toBeGreaterThan(0);

    child.kill('SIGKILL');

    let alive = true;
    for (let waited = 0; alive && waited < 10_000; waited += 100) {
      await sleep(100);
      alive = isAlive(javaPid ?? 0);
    }
    expect(alive).toBe(false);
    expect(pidsOnPort(port, { javaOnly: false })).toEqual([]);
  });
});
