import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { HttpError } from '../../../lambdas/shared/http/http-error';
import { idempotencyScope, runIdempotently } from '../../../lambdas/shared/http/idempotency';
import { lambdaContext } from '../../../lib/local/lambda-context';
import { createTestTable } from '../../helpers/dynamodb';

beforeAll(async () => {
  const { tableName } = await createTestTable();
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
});

const context = () => lambdaContext('createLead', randomUUID(), 10_000);

/** A request that runs until the test lets it finish, and says when it has started. */
const heldOpen = <T>(answer: T) => {
  let finish: () => void = () => undefined;
  let started: () => void = () => undefined;
  const running = new Promise<void>((resolve) => {
    started = resolve;
  });
  const gate = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    running,
    finish: () => finish(),
    run: async () => {
      started();
      await gate;
      return answer;
    },
  };
};

describe('Idempotency-Key while the first request is still running', () => {
  it('answers a second request with the same key 409 without running it, then replays the first answer', async () => {
    const request = {
      key: idempotencyScope('agent-1', 'createLead', {}, 'app-inflight-0001'),
      body: '{"name":"A"}',
    };
    const first = heldOpen({ statusCode: 201, body: { reference: 'R-1' } });
    let secondRuns = 0;

    const firstAnswer = runIdempotently(request, first.run, context());
    await first.running;
    const second = await runIdempotently(
      request,
      async () => {
        secondRuns++;
        return { statusCode: 201, body: { reference: 'R-2' } };
      },
      context(),
    ).catch((error: unknown) => error);
    first.finish();
    const answer = await firstAnswer;
    const replay = await runIdempotently(
      request,
      async () => {
        secondRuns++;
        return { statusCode: 201, body: { reference: 'R-3' } };
      },
      context(),
    );

    expect(second).toBeInstanceOf(HttpError);
    expect(second).toMatchObject({ status: 409, title: 'Conflict' });
    expect(secondRuns).toBe(0);
    expect(answer).toEqual({ statusCode: 201, body: { reference: 'R-1' } });
    expect(replay).toEqual(answer);
  });

  it('runs the same key of another agent, or on another route or lead, at the same time', async () => {
    const key = 'app-inflight-0002';
    const body = '{"text":"Called"}';
    const held = heldOpen({ statusCode: 201, body: { by: 'agent-1 on lead A' } });
    const firstAnswer = runIdempotently(
      { key: idempotencyScope('agent-1', 'addNote', { leadId: 'LEAD-A' }, key), body },
      held.run,
      context(),
    );
    await held.running;

    const others = await Promise.all(
      [
        idempotencyScope('agent-2', 'addNote', { leadId: 'LEAD-A' }, key),
        idempotencyScope('agent-1', 'addNote', { leadId: 'LEAD-B' }, key),
        idempotencyScope('agent-1', 'createLead', {}, key),
      ].map((scoped, n) =>
        runIdempotently(
          { key: scoped, body },
          async () => ({ statusCode: 201, body: { run: n } }),
          context(),
        ),
      ),
    );
    held.finish();

    expect(others.map((answer) => answer.body)).toEqual([{ run: 0 }, { run: 1 }, { run: 2 }]);
    expect((await firstAnswer).body).toEqual({ by: 'agent-1 on lead A' });
  });

  it('lets a retry run once the first request failed, instead of answering 409', async () => {
    const request = { key: idempotencyScope('agent-1', 'createLead', {}, 'app-inflight-0003'), body: '{}' };

    const failed = await runIdempotently(
      request,
      async () => {
        throw new Error('Connection reset');
      },
      context(),
    ).catch((error: unknown) => error);
    const retried = await runIdempotently(
      request,
      async () => ({ statusCode: 201, body: { ok: true } }),
      context(),
    );

    expect(failed).toMatchObject({ message: 'Connection reset' });
    expect(retried).toEqual({ statusCode: 201, body: { ok: true } });
  });
});
