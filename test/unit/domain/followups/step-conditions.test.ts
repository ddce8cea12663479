import { describe, expect, it } from 'vitest';
import { type StepConditionDeps, unmetCondition } from '../../../../lambdas/domain/followups/step-conditions';
import type { StepResult } from '../../../../lambdas/ports/follow-up-runs';
import type { Task } from '../../../../lambdas/ports/tasks';
import type { Interaction } from '../../../../schemas/api/timeline';

const AT = '2026-03-02T14:00:00.000Z';

const result = (stepIndex: number, overrides: Partial<StepResult>): StepResult => ({
  stepIndex,
  status: 'sent',
  channel: 'whatsapp',
  ranAt: AT,
  updatedAt: AT,
  ...overrides,
});

/** Messages by wamid with their delivery status as the timeline holds it, and call tasks by id. */
const world = (
  messages: Record<string, Interaction['deliveryStatus']> = {},
  tasks: Record<string, Pick<Task, 'status' | 'result'>> = {},
): StepConditionDeps => ({
  refs: {
    async find(externalId) {
      return externalId in messages
        ? { externalId, leadId: 'lead-1', interactionId: `i-${externalId}`, createdAt: AT }
        : undefined;
    },
    async interactionOf(ref) {
      const deliveryStatus = messages[ref.externalId];
      return {
        interactionId: ref.interactionId,
        leadId: ref.leadId,
        type: 'whatsapp',
        direction: 'outbound',
        text: 'Still looking for a 2-bed near the park?',
        occurredAt: AT,
        ...(deliveryStatus && { deliveryStatus }),
      } as Interaction;
    },
  },
  tasks: {
    async get(taskId) {
      return tasks[taskId] as Task | undefined;
    },
  },
});

const unmet = (
  conditions: Parameters<typeof unmetCondition>[0]['conditions'],
  results: StepResult[],
  deps: StepConditionDeps = world(),
  { stepIndex = 5, repliedSinceEnrolment = false } = {},
) => unmetCondition({ conditions, stepIndex, results, repliedSinceEnrolment }, deps);

describe('unmetCondition', () => {
  it('holds every condition of a step that has none', async () => {
    expect(await unmet([], [])).toBeUndefined();
  });

  it('reads no_response from whether the lead replied since enrolment', async () => {
    expect(await unmet(['no_response'], [])).toBeUndefined();
    expect(await unmet(['no_response'], [], world(), { repliedSinceEnrolment: true })).toBe('no_response');
  });

  it('names the first condition that does not hold', async () => {
    const sent = [result(0, { status: 'delivered', externalId: 'wamid.A' })];
    expect(
      await unmet(['no_response', 'whatsapp_read', 'call_not_answered'], sent, world(), {
        repliedSinceEnrolment: false,
      }),
    ).toBe('whatsapp_read');
  });

  describe('whatsapp_delivered and whatsapp_read', () => {
    it.each([
      ['sent', 'whatsapp_delivered', undefined],
      ['delivered', 'whatsapp_delivered', 'delivered'],
      ['read', 'whatsapp_delivered', 'read'],
      ['replied', 'whatsapp_delivered', 'read'],
      ['delivered', 'whatsapp_read', undefined],
      ['read', 'whatsapp_read', 'read'],
      ['replied', 'whatsapp_read', 'read'],
    ] as const)(
      'with a step result %s, %s holds when the message itself got to %s',
      async (status, condition, expected) => {
        const results = [result(0, { status, externalId: 'wamid.A' })];
        // The result alone says how far it got when it says delivered, read or replied.
        const holdsOnResult = (await unmet([condition], results)) === undefined;
        expect(holdsOnResult).toBe(
          status !== 'sent' && !(status === 'delivered' && condition === 'whatsapp_read'),
        );
        if (expected === undefined) return;
        expect(
          await unmet(
            [condition],
            [result(0, { status: 'sent', externalId: 'wamid.A' })],
            world({ 'wamid.A': expected }),
          ),
        ).toBeUndefined();
      },
    );

    it('reads the message’s own status when the step result has not caught up', async () => {
      const results = [result(0, { status: 'sent', externalId: 'wamid.A' })];
      expect(await unmet(['whatsapp_delivered'], results, world({ 'wamid.A': 'delivered' }))).toBeUndefined();
      expect(await unmet(['whatsapp_read'], results, world({ 'wamid.A': 'delivered' }))).toBe(
        'whatsapp_read',
      );
      expect(await unmet(['whatsapp_read'], results, world({ 'wamid.A': 'read' }))).toBeUndefined();
      expect(await unmet(['whatsapp_delivered'], results, world({ 'wamid.A': 'failed' }))).toBe(
        'whatsapp_delivered',
      );
      expect(await unmet(['whatsapp_delivered'], results, world({ 'wamid.A': 'sent' }))).toBe(
        'whatsapp_delivered',
      );
      expect(await unmet(['whatsapp_delivered'], results, world())).toBe('whatsapp_delivered');
    });

    it('does not hold without an earlier WhatsApp message that went out', async () => {
      expect(await unmet(['whatsapp_delivered'], [])).toBe('whatsapp_delivered');
      const notOut = [
        result(0, { status: 'skipped', externalId: 'wamid.A' }),
        result(1, { status: 'failed', externalId: 'wamid.B' }),
        result(2, { status: 'delivered', channel: 'email', externalId: 'ses-1' }),
        result(3, { status: 'delivered' }),
      ];
      const deps = world({ 'wamid.A': 'read', 'wamid.B': 'read', 'ses-1': 'read' });
      expect(await unmet(['whatsapp_delivered'], notOut, deps)).toBe('whatsapp_delivered');
    });

    it('looks at the latest earlier message, not a later step or an older one', async () => {
      const results = [
        result(0, { status: 'read', externalId: 'wamid.old' }),
        result(2, { status: 'sent', externalId: 'wamid.latest' }),
        result(1, { status: 'read', externalId: 'wamid.middle' }),
        result(5, { status: 'read', externalId: 'wamid.this' }),
        result(7, { status: 'read', externalId: 'wamid.later' }),
      ];
      expect(await unmet(['whatsapp_delivered'], results, world({ 'wamid.latest': 'sent' }))).toBe(
        'whatsapp_delivered',
      );
      expect(
        await unmet(['whatsapp_delivered'], results, world({ 'wamid.latest': 'delivered' })),
      ).toBeUndefined();
    });
  });

  describe('call_not_answered', () => {
    const calls = (taskId = 'task-1') => [result(0, { channel: 'call', status: 'sent', taskId })];

    it.each([
      ['still open', { status: 'open' as const }, true],
      ['done, not answered', { status: 'done' as const, result: 'not_answered' as const }, true],
      ['done, voicemail', { status: 'done' as const, result: 'voicemail' as const }, true],
      ['done, answered', { status: 'done' as const, result: 'answered' as const }, false],
    ])('holds when the earlier call task is %s: %s', async (_what, task, holds) => {
      const outcome = await unmet(['call_not_answered'], calls(), world({}, { 'task-1': task }));
      expect(outcome === undefined).toBe(holds);
    });

    it('does not hold without an earlier call task, or when the task is gone', async () => {
      expect(await unmet(['call_not_answered'], [])).toBe('call_not_answered');
      expect(await unmet(['call_not_answered'], [result(0, { channel: 'call' })])).toBe('call_not_answered');
      expect(await unmet(['call_not_answered'], calls('task-gone'))).toBe('call_not_answered');
    });

    it('reads the latest earlier call task', async () => {
      const results = [
        result(0, { channel: 'call', taskId: 'task-old' }),
        result(2, { channel: 'call', taskId: 'task-latest' }),
        result(1, { channel: 'call', taskId: 'task-middle' }),
        result(6, { channel: 'call', taskId: 'task-later' }),
      ];
      const tasks = {
        'task-old': { status: 'open' as const },
        'task-middle': { status: 'open' as const },
        'task-latest': { status: 'done' as const, result: 'answered' as const },
        'task-later': { status: 'open' as const },
      };
      expect(await unmet(['call_not_answered'], results, world({}, tasks))).toBe('call_not_answered');
    });
  });
});
