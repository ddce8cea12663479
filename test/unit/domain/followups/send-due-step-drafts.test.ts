import { describe, expect, it } from 'vitest';
import { runDueStep } from '../../../../lambdas/domain/followups/run-due-step';
import type { DraftWriter } from '../../../../lambdas/ports/draft-writer';
import { ENROLLMENT, sendStepWorld, whatsappText } from './send-step-world';

const aiDraftStep = whatsappText({
  message: { aiDraft: true },
});

describe('a step drafted by the model', () => {
  it("sends the model's draft when it passes the checks, and records it as the model's", async () => {
    const world = await sendStepWorld({ steps: [aiDraftStep] });
    const writer: DraftWriter = {
      write: async (step) => ({
        channel: step.channel,
        language: 'en',
        text: 'Hi Sam, the 2-bed flat in Midtown has a viewing slot on Saturday. Shall I book it?',
      }),
    };

    const outcome = await runDueStep({ enrollmentId: ENROLLMENT, stepIndex: 0 }, { ...world.deps, writer });

    expect(outcome).toEqual({ stepIndex: 0, outcome: 'sent' });
    expect(world.texts.map((text) => text.body)).toEqual([
      'Hi Sam, the 2-bed flat in Midtown has a viewing slot on Saturday. Shall I book it?',
    ]);
    expect((await world.stored()).results).toEqual([expect.objectContaining({ draftSource: 'model' })]);
  });

  it('reports a failing model and sends the template draft instead', async () => {
    const world = await sendStepWorld({ steps: [aiDraftStep] });
    const failure = new Error('model unavailable');
    const reported: unknown[] = [];
    const writer: DraftWriter = {
      write: async () => {
        throw failure;
      },
    };

    await runDueStep(
      { enrollmentId: ENROLLMENT, stepIndex: 0 },
      { ...world.deps, writer, onWriterError: (error) => reported.push(error) },
    );

    expect(reported).toEqual([failure]);
    expect(world.texts.map((text) => text.body)).toEqual([
      'Hi Sam, Dana Lee here about 2-bed flat in Midtown. When suits you for a quick call?',
    ]);
    expect((await world.stored()).results).toEqual([expect.objectContaining({ draftSource: 'template' })]);
  });
});
