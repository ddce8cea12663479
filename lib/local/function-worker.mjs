/**
 * One local instance of a Lambda function, in a worker thread: its own module graph and its own
 * process.env (only what the route's access declares), so its clients, its configuration and its
 * logger are its own, as in a Lambda sandbox. It serves one invocation at a time.
 *
 * Plain JavaScript: a worker starts without the parent's TypeScript loader, so it registers tsx itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { lambdaContext } = await import('./lambda-context.ts');
const { handler } = await import(workerData.handlerUrl);

parentPort.on('message', async ({ event, context }) => {
  try {
    const result = await handler(
      event,
      lambdaContext(context.functionName, context.requestId, context.timeoutMs),
    );
    parentPort.postMessage({ result });
  } catch (error) {
    parentPort.postMessage({
      error: { name: error?.name ?? 'Error', message: error?.message ?? String(error), stack: error?.stack },
    });
  }
});
