import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type * as z from 'zod';
import { logger } from '../logger';

/** The task's input does not match its contract: a wiring bug, failed (and caught) rather than guessed at. */
export class InvalidTaskInputError extends Error {
  override readonly name = 'InvalidTaskInputError';
}

export type WorkflowTaskHandler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * The shell of a workflow task function: parse the state's input with its schema, run one use case,
 * return its result as the task's output. Errors propagate: Step Functions retries or catches them.
 */
export const workflowTask = <S extends z.ZodType>(
  schema: S,
  run: (input: z.infer<S>) => Promise<unknown>,
): WorkflowTaskHandler =>
  middy(async (event: unknown) => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(input)').join(', ');
      throw new InvalidTaskInputError(`Invalid task input: ${fields}`);
    }
    return run(parsed.data);
  }).use(injectLambdaContext(logger));
