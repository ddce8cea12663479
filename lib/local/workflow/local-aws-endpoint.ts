import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalScheduler } from './local-scheduler';
import type { WorkflowRunner } from './workflow-runner';

export interface LocalAwsEndpointOptions {
  scheduler: LocalScheduler;
  runner: WorkflowRunner;
  /** The only schedule group and execution role this stand-in accepts, as the stack's would be. */
  groupName: string;
  schedulerRoleArn: string;
  stateMachineArn: string;
  host?: string;
  port?: number;
}

export interface LocalAwsEndpoint {
  url: string;
  close(): Promise<void>;
}

const readBody = async (request: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
};

/** Answers as the services do: the error's type in `x-amzn-errortype` and `__type`, its message in the body. */
const send = (response: ServerResponse, status: number, body: unknown, errorType?: string) => {
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    ...(errorType && { 'x-amzn-errortype': errorType }),
  });
  response.end(JSON.stringify(errorType ? { __type: errorType, message: body, Message: body } : body));
};

const sfnPrefix = 'AWSStepFunctions.';

/**
 * The local EventBridge Scheduler and Step Functions APIs the functions call (CreateSchedule,
 * DeleteSchedule, SendTaskSuccess, SendTaskFailure, StartExecution), on one local HTTP endpoint.
 * The functions use the same SDK adapters as in the cloud, pointed here by SCHEDULER_ENDPOINT and
 * SFN_ENDPOINT.
 */
export const startLocalAwsEndpoint = async (options: LocalAwsEndpointOptions): Promise<LocalAwsEndpoint> => {
  const stepFunctions = async (
    operation: string,
    body: Record<string, unknown>,
    response: ServerResponse,
  ) => {
    if (operation === 'SendTaskSuccess' || operation === 'SendTaskFailure') {
      const token = String(body.taskToken ?? '');
      const outcome =
        operation === 'SendTaskSuccess'
          ? options.runner.sendTaskSuccess(token, String(body.output ?? '{}'))
          : options.runner.sendTaskFailure(
              token,
              String(body.error ?? 'Error'),
              body.cause === undefined ? undefined : String(body.cause),
            );
      if (outcome === 'delivered') return send(response, 200, {});
      return send(response, 400, 'Task token is invalid or its task is over', outcome);
    }
    if (operation === 'StartExecution') {
      if (body.stateMachineArn !== options.stateMachineArn) {
        return send(
          response,
          400,
          `State machine does not exist: ${String(body.stateMachineArn)}`,
          'StateMachineDoesNotExist',
        );
      }
      const name = String(body.name ?? '');
      const input = JSON.parse(String(body.input ?? '{}')) as Record<string, unknown>;
      const result = await options.runner.startExecution(name, input);
      if (!result.started && !(result.status === 'RUNNING' && result.sameInput)) {
        return send(response, 400, `Execution already exists: ${name}`, 'ExecutionAlreadyExists');
      }
      return send(response, 200, {
        executionArn: `${options.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`,
        startDate: Date.now() / 1000,
      });
    }
    return send(response, 400, `Not served locally: ${operation}`, 'UnknownOperationException');
  };

  const scheduler = async (
    method: string,
    url: URL,
    body: Record<string, unknown>,
    response: ServerResponse,
  ) => {
    const name = decodeURIComponent(url.pathname.slice('/schedules/'.length));
    if (method === 'POST') {
      const target = (body.Target ?? {}) as Record<string, unknown>;
      if (body.GroupName !== options.groupName) {
        return send(
          response,
          404,
          `Schedule group ${String(body.GroupName)} does not exist.`,
          'ResourceNotFoundException',
        );
      }
      if (target.RoleArn !== options.schedulerRoleArn) {
        return send(
          response,
          400,
          'The execution role is not the follow-up scheduler role',
          'ValidationException',
        );
      }
      const outcome = await options.scheduler.create({
        groupName: options.groupName,
        name,
        expression: String(body.ScheduleExpression),
        timeZone: String(body.ScheduleExpressionTimezone ?? 'UTC'),
        targetArn: String(target.Arn),
        input: String(target.Input ?? '{}'),
      });
      if (outcome === 'conflict')
        return send(response, 409, `Schedule ${name} already exists.`, 'ConflictException');
      return send(response, 200, {
        ScheduleArn: `arn:aws:scheduler:local:000000000000:schedule/${options.groupName}/${name}`,
      });
    }
    if (method === 'DELETE') {
      const outcome = await options.scheduler.delete(url.searchParams.get('groupName') ?? 'default', name);
      if (outcome === 'not_found')
        return send(response, 404, `Schedule ${name} does not exist.`, 'ResourceNotFoundException');
      return send(response, 200, {});
    }
    return send(response, 400, `Not served locally: ${method} ${url.pathname}`, 'ValidationException');
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const target = String(request.headers['x-amz-target'] ?? '');
    readBody(request)
      .then((body) => {
        if (target.startsWith(sfnPrefix))
          return stepFunctions(target.slice(sfnPrefix.length), body, response);
        if (url.pathname.startsWith('/schedules/'))
          return scheduler(request.method ?? 'GET', url, body, response);
        return send(
          response,
          404,
          `Not served locally: ${request.method} ${url.pathname}`,
          'UnknownOperationException',
        );
      })
      .catch((error: unknown) => send(response, 500, (error as Error).message, 'InternalServerException'));
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
};
