import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFollowUpRunRepository } from '../../../lambdas/adapters/dynamodb/follow-up-run-repository';
import { createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import type { FollowUpRunRepository, StepResult } from '../../../lambdas/ports/follow-up-runs';
import { createTestTable } from '../../helpers/dynamodb';

let runs: FollowUpRunRepository;
const AT = new Date('2026-12-02T10:00:00.000Z');

beforeAll(async () => {
  const { client, tableName } = await createTestTable();
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  runs = createFollowUpRunRepository(createCrmService(documents, tableName));
});

const sent = (stepIndex: number, overrides: Partial<StepResult> = {}): StepResult => ({
  stepIndex,
  status: 'sent',
  channel: 'whatsapp',
  ranAt: AT.toISOString(),
  updatedAt: AT.toISOString(),
  interactionId: `01JDZQ0000000000000000000${stepIndex}`,
  via: 'text',
  ...overrides,
});

const newRun = async (enrollmentId: string) => {
  await runs.create(
    { enrollmentId, steps: [0, 1, 2].map(() => ({ dueAt: AT.toISOString(), timeZone: 'UTC' })) },
    AT,
  );
};

describe('follow-up step results (DynamoDB Local)', () => {
  it('keeps the first result of a step and shows every step that ran, in step order', async () => {
    await newRun('enr-results');
    expect(await runs.recordStepResult('enr-results', sent(1, { channel: 'email' }))).toBe(true);
    expect(await runs.recordStepResult('enr-results', sent(0))).toBe(true);
    expect(
      await runs.recordStepResult('enr-results', sent(0, { status: 'failed', reason: 'channel_error' })),
    ).toBe(false);

    const run = await runs.get('enr-results');
    expect(run?.results.map(({ stepIndex, status, channel }) => ({ stepIndex, status, channel }))).toEqual([
      { stepIndex: 0, status: 'sent', channel: 'whatsapp' },
      { stepIndex: 1, status: 'sent', channel: 'email' },
    ]);
  });

  it('moves a sent step to delivered, read and replied, never back', async () => {
    await newRun('enr-progress');
    await runs.recordStepResult('enr-progress', sent(0));
    const later = new Date(AT.getTime() + 60_000);

    expect(await runs.advanceStepResult('enr-progress', 0, 'read', later)).toBe(true);
    expect(await runs.advanceStepResult('enr-progress', 0, 'delivered', later)).toBe(false);
    expect((await runs.get('enr-progress'))?.results[0]?.status).toBe('read');
    expect(await runs.advanceStepResult('enr-progress', 0, 'replied', later)).toBe(true);
    expect(await runs.advanceStepResult('enr-progress', 0, 'read', later)).toBe(false);

    const [result] = (await runs.get('enr-progress'))?.results ?? [];
    expect(result).toMatchObject({
      status: 'replied',
      updatedAt: later.toISOString(),
      ranAt: AT.toISOString(),
    });
  });

  it('never moves a skipped step, and a call task only to replied', async () => {
    await newRun('enr-final');
    await runs.recordStepResult('enr-final', sent(0, { status: 'skipped', reason: 'opted_out' }));
    await runs.recordStepResult(
      'enr-final',
      sent(1, { status: 'task_created', channel: 'call', taskId: 't-1' }),
    );

    expect(await runs.advanceStepResult('enr-final', 0, 'replied', AT)).toBe(false);
    expect(await runs.advanceStepResult('enr-final', 1, 'delivered', AT)).toBe(false);
    expect(await runs.advanceStepResult('enr-final', 1, 'replied', AT)).toBe(true);
    expect(await runs.advanceStepResult('enr-final', 2, 'replied', AT)).toBe(false);

    const statuses = (await runs.get('enr-final'))?.results.map((result) => result.status);
    expect(statuses).toEqual(['skipped', 'replied']);
  });
});
