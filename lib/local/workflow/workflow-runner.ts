import './promise-with-resolvers';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { WorkflowTaskDefinition } from '../../../schemas/workflow';
import { lambdaContext } from '../lambda-context';
import type { localExecutionEntity } from './local-execution-entity';
import type { TaskTokens, TokenRefusal } from './task-tokens';

// What a workflow task function gets to run, as its Lambda timeout would allow.
const TASK_TIMEOUT_MS = 20_000;

type TaskHandler = (event: unknown, context: Context) => Promise<unknown>;
type JsonObject = Record<string, unknown>;
type JSONValue = Parameters<StateMachine['run']>[0];

export interface WorkflowRunnerOptions {
  /** The rendered definition; a resumed execution runs it with `StartAt` moved to its saved state. */
  definition: StateMachineDefinition;
  /** Names the executions' partition in the store. */
  stateMachine: string;
  executions: typeof localExecutionEntity;
  tokens: TaskTokens;
  /** The task functions and the ARN the definition names each by. */
  tasks: readonly WorkflowTaskDefinition[];
  functionArn: (task: WorkflowTaskDefinition) => string;
  /** Repository root: handler paths are relative to it. */
  rootDir: string;
  /**
   * Runs a task's function; by default its handler is imported into this process. `npm start` runs
   * each in a worker of its own with only the environment its access declares, as Lambda would.
   */
  invoke?: (task: WorkflowTaskDefinition, event: unknown, requestId: string) => Promise<unknown>;
  log?: (line: string) => void;
}

export type StartResult = { started: true } | { started: false; status: string; sameInput: boolean };

export interface WorkflowRunner {
  /** Starts an execution by name; a name already used starts nothing (Step Functions' idempotent start). */
  startExecution(name: string, input: JsonObject): Promise<StartResult>;
  sendTaskSuccess(token: string, output: string): 'delivered' | TokenRefusal;
  sendTaskFailure(token: string, error: string, cause?: string): 'delivered' | TokenRefusal;
  /** Runs every unfinished execution again from the state it was in, with that state's saved input. */
  resume(): Promise<string[]>;
  /** Settles when the execution, as run by this runner, ends (or at once when it is not running here). */
  settled(name: string): Promise<void>;
  stop(): Promise<void>;
}

const waitForTaskToken = /^arn:aws[\w-]*:states:::lambda:invoke\.waitForTaskToken$/;

interface Route {
  task: WorkflowTaskDefinition;
  callback: boolean;
}

/** Which handler each Task state runs, read from the rendered definition's function ARNs. */
const routesOf = (options: WorkflowRunnerOptions): Map<string, Route> => {
  const byArn = new Map(options.tasks.map((task) => [options.functionArn(task), task]));
  const routes = new Map<string, Route>();
  for (const [stateName, state] of Object.entries(options.definition.States)) {
    if (state.Type !== 'Task') continue;
    const callback = waitForTaskToken.test(state.Resource);
    const arn = callback
      ? String((state.Parameters as JsonObject | undefined)?.FunctionName)
      : state.Resource;
    const task = byArn.get(arn);
    if (!task) throw new Error(`The state "${stateName}" runs ${arn}, which is no workflow task function`);
    routes.set(stateName, { task, callback });
  }
  return routes;
};

/** Lets the event-log reader, which runs on later microtasks, catch up with the state just entered. */
const catchUp = () => new Promise<void>((resolveNow) => setImmediate(resolveNow));

class RunnerStopped extends Error {
  override readonly name = 'LocalRunnerStopped';
}

/**
 * The local Step Functions: runs the rendered follow-up definition with `aws-local-stepfunctions`,
 * each Task state routed to its function's handler module, the `.waitForTaskToken` task held on a
 * task token until a wake sends its result. Every Task state it enters is saved (state and input) in
 * DynamoDB Local, so after a restart `resume()` runs the same definition from there.
 */
export const createWorkflowRunner = (options: WorkflowRunnerOptions): WorkflowRunner => {
  const routes = routesOf(options);
  const log = options.log ?? (() => undefined);
  const handlers = new Map<string, Promise<TaskHandler>>();
  const running = new Map<string, { abort: () => void; done: Promise<void> }>();
  const key = (executionName: string) => ({ stateMachine: options.stateMachine, executionName });
  let stopping = false;

  const handlerOf = (handlerPath: string) => {
    let loaded = handlers.get(handlerPath);
    if (!loaded) {
      loaded = import(pathToFileURL(handlerPath).href).then(
        (module: { handler: TaskHandler }) => module.handler,
      );
      handlers.set(handlerPath, loaded);
    }
    return loaded;
  };

  const inProcess = async (task: WorkflowTaskDefinition, event: unknown, requestId: string) =>
    (await handlerOf(resolve(options.rootDir, task.handler)))(
      event,
      lambdaContext(task.id, requestId, TASK_TIMEOUT_MS),
    );
  const invokeTask = options.invoke ?? inProcess;

  const invoke = async (route: Route, event: unknown) => {
    try {
      return ((await invokeTask(route.task, event, randomUUID())) ?? null) as JSONValue;
    } catch (error) {
      // As the Lambda runtime logs an invocation's uncaught error, so a failed step says why.
      console.error(
        `${route.task.id} failed:`,
        error instanceof Error ? `${error.name}: ${error.message}` : error,
      );
      throw error;
    }
  };

  const run = (executionName: string, input: JsonObject, startAt?: string, stateInput?: JSONValue) => {
    const definition = startAt ? { ...options.definition, StartAt: startAt } : options.definition;
    const machine = new StateMachine(definition);
    const entered = new Map<string, JSONValue>();

    const saveEntered = async (stateName: string) => {
      await catchUp();
      await options.executions
        .patch(key(executionName))
        .set({ currentState: stateName, stateInput: entered.get(stateName) ?? null })
        .go();
    };

    const taskResourceLocalHandlers = Object.fromEntries(
      [...routes].map(([stateName, route]) => [
        stateName,
        async (taskInput: JSONValue): Promise<JSONValue> => {
          await saveEntered(stateName);
          if (!route.callback) return invoke(route, taskInput);
          const payload = (taskInput as JsonObject).Payload as JsonObject;
          const result = options.tokens.wait(String(payload.taskToken), executionName, stateName);
          await invoke(route, payload);
          const outcome = await result;
          if (outcome.ok) return JSON.parse(outcome.output) as JSONValue;
          console.error(`${stateName} ended with ${outcome.error}: ${outcome.cause ?? ''}`);
          throw Object.assign(new Error(outcome.cause ?? outcome.error), { name: outcome.error });
        },
      ]),
    );

    // `$$.Task.Token` is read when the wait task's parameters are built: each read mints a fresh token.
    const tokens = options.tokens;
    const context = {
      Execution: {
        Id: `arn:aws:states:local:000000000000:execution:${options.stateMachine}:${executionName}`,
        Name: executionName,
        Input: input,
      },
      StateMachine: { Name: options.stateMachine },
      Task: {
        get Token() {
          return tokens.mint(executionName);
        },
      },
    };

    const execution = machine.run((stateInput ?? input) as JSONValue, {
      overrides: { taskResourceLocalHandlers },
      context: context as never,
      noThrowOnAbort: true,
    });

    void (async () => {
      for await (const event of execution.eventLogs) {
        if (event.type === 'StateEntered') entered.set(event.state.name, event.state.input);
      }
    })();

    const done = execution.result.then(
      async (output) => {
        if (stopping) return;
        await options.executions
          .patch(key(executionName))
          .set({ status: 'SUCCEEDED', output, stoppedAt: new Date().toISOString() })
          .remove(['currentState', 'stateInput'])
          .go();
        log(`Follow-up execution ${executionName} succeeded`);
      },
      async (error: unknown) => {
        if (stopping) return;
        await options.executions
          .patch(key(executionName))
          .set({
            status: 'FAILED',
            error: String((error as Error).message),
            stoppedAt: new Date().toISOString(),
          })
          .remove(['currentState', 'stateInput'])
          .go();
        log(`Follow-up execution ${executionName} failed: ${(error as Error).message}`);
      },
    );
    const tracked = done
      .catch((error: unknown) =>
        log(`Could not record the end of ${executionName}: ${(error as Error).message}`),
      )
      .finally(() => {
        running.delete(executionName);
        options.tokens.release(executionName, {
          ok: false,
          error: 'States.Timeout',
          cause: 'execution ended',
        });
      });
    running.set(executionName, { abort: execution.abort, done: tracked });
  };

  return {
    async startExecution(name, input) {
      if (stopping) throw new RunnerStopped('The local workflow runner is stopping');
      try {
        await options.executions
          .create({ ...key(name), status: 'RUNNING', input, startedAt: new Date().toISOString() })
          .go();
      } catch (error) {
        const conflict =
          error instanceof Error &&
          (error.name === 'ConditionalCheckFailedException' ||
            (error.cause instanceof Error && error.cause.name === 'ConditionalCheckFailedException'));
        if (!conflict) throw error;
        const { data } = await options.executions.get(key(name)).go();
        return {
          started: false,
          status: data?.status ?? 'UNKNOWN',
          sameInput: JSON.stringify(data?.input) === JSON.stringify(input),
        };
      }
      run(name, input);
      return { started: true };
    },

    sendTaskSuccess: (token, output) => options.tokens.settle(token, { ok: true, output }),
    sendTaskFailure: (token, error, cause) =>
      options.tokens.settle(token, { ok: false, error, ...(cause !== undefined && { cause }) }),

    async resume() {
      const { data } = await options.executions.query
        .byStateMachine({ stateMachine: options.stateMachine })
        .where(({ status }, { eq }) => eq(status, 'RUNNING'))
        .go({ pages: 'all' });
      const resumed: string[] = [];
      for (const execution of data) {
        if (running.has(execution.executionName)) continue;
        const input = execution.input as JsonObject;
        if (execution.currentState) {
          run(execution.executionName, input, execution.currentState, execution.stateInput as JSONValue);
        } else {
          run(execution.executionName, input);
        }
        resumed.push(execution.executionName);
      }
      return resumed;
    },

    async settled(name) {
      await running.get(name)?.done;
    },

    async stop() {
      stopping = true;
      const executions = [...running.entries()];
      for (const [, execution] of executions) execution.abort();
      // Settle the waits the aborted executions hold, so their task timers are cleared too.
      for (const [name] of executions)
        options.tokens.release(name, { ok: false, error: 'LocalRunnerStopped' });
      await Promise.all(executions.map(([, execution]) => execution.done));
    },
  };
};
