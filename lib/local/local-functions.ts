import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { RouteAccess, RouteDefinition } from '../../schemas/routes';
import { localFunctionEnv } from '../function-env';
import { lambdaContext } from './lambda-context';

/** Receives each line a function writes, as its CloudWatch log group would. */
export type FunctionLog = (functionName: string, line: string) => void;

/** The function threw, or could not start (a missing binding, a module that fails to load); its log says why. */
export class FunctionFailedError extends Error {
  override readonly name = 'FunctionFailedError';

  constructor(
    readonly functionName: string,
    readonly reason: { name: string; message: string },
  ) {
    super(`${functionName} failed: ${reason.name}: ${reason.message}`);
  }
}

/** What runs as one Lambda function: an API route, or a task of the follow-up workflow. */
export interface LocalFunctionDefinition {
  id: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  handler: string;
  access: RouteAccess;
}

type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

export interface LocalFunctionsOptions {
  /** Repository root: route handler paths are relative to it. */
  rootDir: string;
  /** Where each function's variables are picked from, by its access; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Instances of one function before invocations wait for one to be free (Lambda would scale further). */
  maxInstancesPerFunction?: number;
  /** The function's timeout, as its context reports it. */
  timeoutMs?: number;
  /** Lines the functions write; to this process's stdout by default. */
  onLog?: FunctionLog;
}

export interface LocalFunctions {
  invoke(
    route: RouteDefinition,
    event: APIGatewayProxyEventV2,
    requestId: string,
  ): Promise<APIGatewayProxyStructuredResultV2>;
  /** Invokes any function with any event (a workflow task with its state's input). */
  invokeFunction(fn: LocalFunctionDefinition, event: unknown, requestId: string): Promise<unknown>;
  close(): Promise<void>;
}

interface Outcome {
  result?: unknown;
  error?: { name: string; message: string; stack?: string };
}

interface Instance {
  worker: Worker;
  dead: boolean;
  settle?: (outcome: Outcome) => void;
}

interface Pool {
  idle: Instance[];
  size: number;
  waiting: Array<(instance: Instance) => void>;
}

const workerUrl = new URL('./function-worker.mjs', import.meta.url);

/**
 * Runs every handler in this process, on this process's environment: fast to start, which the test
 * suites need, but a function sees every variable and shares modules with the others. Each
 * invocation still gets its own logging context (the handler shell gives it one).
 */
export const createInProcessFunctions = (
  options: Pick<LocalFunctionsOptions, 'rootDir' | 'timeoutMs'>,
): LocalFunctions => {
  const handlers = new Map<string, Promise<LambdaHandler>>();
  const load = (fn: LocalFunctionDefinition) => {
    let loaded = handlers.get(fn.id);
    if (!loaded) {
      const url = pathToFileURL(resolve(options.rootDir, fn.handler)).href;
      loaded = import(url).then((module: { handler: LambdaHandler }) => module.handler);
      handlers.set(fn.id, loaded);
    }
    return loaded;
  };
  const invokeFunction = async (fn: LocalFunctionDefinition, event: unknown, requestId: string) =>
    (await load(fn))(event, lambdaContext(fn.id, requestId, options.timeoutMs ?? 10_000));
  return {
    invoke: async (route, event, requestId) =>
      (await invokeFunction(route, event, requestId)) as APIGatewayProxyStructuredResultV2,
    invokeFunction,
    close: async () => undefined,
  };
};

/**
 * Runs each function's handler as Lambda would: every function in worker threads of its own, started on
 * first use, each with only the environment its route's access declares, serving one invocation at a
 * time. A burst on one function starts more instances (cold starts), up to a cap.
 */
export const createIsolatedFunctions = (options: LocalFunctionsOptions): LocalFunctions => {
  const pools = new Map<string, Pool>();
  const all = new Set<Instance>();
  const maxInstances = options.maxInstancesPerFunction ?? 4;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const log: FunctionLog = options.onLog ?? ((_name, line) => process.stdout.write(`${line}\n`));

  const start = (route: LocalFunctionDefinition): Instance => {
    const worker = new Worker(workerUrl, {
      workerData: { handlerUrl: pathToFileURL(resolve(options.rootDir, route.handler)).href },
      env: {
        ...localFunctionEnv(route.access, options.env ?? process.env),
        AWS_LAMBDA_FUNCTION_NAME: route.id,
      },
      // Not the parent's loader flags: the worker registers its own TypeScript loader.
      execArgv: [],
      stdout: true,
      stderr: true,
    });
    // An idle function never keeps the process alive, as a frozen Lambda would not.
    worker.unref();
    const instance: Instance = { worker, dead: false };
    all.add(instance);
    for (const stream of [worker.stdout, worker.stderr]) {
      createInterface({ input: stream }).on('line', (line) => log(route.id, line));
    }
    const fail = (error: { name?: string; message?: string; stack?: string }) => {
      instance.dead = true;
      all.delete(instance);
      const reason = { name: error.name ?? 'Error', message: error.message ?? 'the function exited' };
      // Where Lambda reports an init or runtime failure: the function's own log.
      log(
        route.id,
        JSON.stringify({
          level: 'ERROR',
          message: 'Function failed',
          function_name: route.id,
          error: { ...reason, stack: error.stack },
        }),
      );
      instance.settle?.({ error: reason });
    };
    worker.on('message', (outcome: Outcome) => {
      if (outcome.error)
        log(
          route.id,
          JSON.stringify({
            level: 'ERROR',
            message: 'Invoke error',
            function_name: route.id,
            error: outcome.error,
          }),
        );
      instance.settle?.(outcome);
    });
    worker.on('error', fail);
    worker.on('exit', () => {
      if (!instance.dead) fail({ name: 'Exited', message: 'the function exited' });
    });
    return instance;
  };

  const poolOf = (route: LocalFunctionDefinition): Pool => {
    let pool = pools.get(route.id);
    if (!pool) {
      pool = { idle: [], size: 0, waiting: [] };
      pools.set(route.id, pool);
    }
    return pool;
  };

  const acquire = (route: LocalFunctionDefinition, pool: Pool): Promise<Instance> => {
    let idle = pool.idle.pop();
    while (idle?.dead) {
      pool.size--;
      idle = pool.idle.pop();
    }
    if (idle) return Promise.resolve(idle);
    if (pool.size < maxInstances) {
      pool.size++;
      return Promise.resolve(start(route));
    }
    return new Promise((resolveInstance) => pool.waiting.push(resolveInstance));
  };

  const release = (route: LocalFunctionDefinition, pool: Pool, instance: Instance) => {
    let next: Instance | undefined = instance;
    if (instance.dead) {
      pool.size--;
      next = undefined;
      if (pool.waiting.length > 0) {
        pool.size++;
        next = start(route);
      }
    }
    if (!next) return;
    const waiter = pool.waiting.shift();
    if (waiter) waiter(next);
    else pool.idle.push(next);
  };

  const invokeFunction = async (route: LocalFunctionDefinition, event: unknown, requestId: string) => {
    const pool = poolOf(route);
    const instance = await acquire(route, pool);
    const outcome = await new Promise<Outcome>((settle) => {
      instance.settle = settle;
      instance.worker.postMessage({ event, context: { functionName: route.id, requestId, timeoutMs } });
    });
    instance.settle = undefined;
    release(route, pool, instance);
    if (outcome.error) throw new FunctionFailedError(route.id, outcome.error);
    return outcome.result;
  };

  return {
    async invoke(route, event, requestId) {
      const result = await invokeFunction(route, event, requestId);
      if (!result) throw new FunctionFailedError(route.id, { name: 'Error', message: 'no result' });
      return result as APIGatewayProxyStructuredResultV2;
    },
    invokeFunction,
    async close() {
      const instances = [...all];
      for (const instance of instances) instance.dead = true;
      all.clear();
      pools.clear();
      await Promise.all(instances.map((instance) => instance.worker.terminate()));
    },
  };
};
