import { describe, expect, it } from 'vitest';
import {
  builtInSequenceFor,
  builtInSequences,
} from '../../../../lambdas/domain/followups/built-in-sequences';
import { createSequenceBody, sequenceSchema, stepOffsets } from '../../../../schemas/api/sequences';

describe('built-in sequences', () => {
  it.each(builtInSequences.map((s) => [s.sequenceId, s] as const))(
    '%s passes the same validation as an agent sequence',
    (_id, sequence) => {
      const { name, description, temperature, steps } = sequence;
      expect(createSequenceBody.safeParse({ name, description, temperature, steps }).error).toBeUndefined();
      expect(sequenceSchema.parse(sequence)).toEqual(sequence);
    },
  );

  it('runs the hot sequence as the brief has it: WhatsApp at 2 h, a call at 24 h, the details by email at 72 h', () => {
    const hot = builtInSequenceFor('hot');
    const [first, ...rest] = hot.steps;
    expect(first).toMatchObject({ channel: 'whatsapp', firstAnswer: true, delay: { minutes: 0 } });
    const hours = stepOffsets(hot.steps).map((minutes) => minutes / 60);
    expect(rest.map((s, i) => [s.channel, hours[i + 1], s.conditions])).toEqual([
      ['whatsapp', 2, ['no_response']],
      ['call', 24, ['whatsapp_delivered', 'no_response']],
      ['email', 72, ['call_not_answered', 'no_response']],
    ]);
  });

  it('spaces warm and cold follow-ups further apart than hot ones', () => {
    const lastDay = (t: 'hot' | 'warm' | 'cold') =>
      (stepOffsets(builtInSequenceFor(t).steps).at(-1) ?? 0) / 1440;
    expect(lastDay('hot')).toBe(3);
    expect(lastDay('warm')).toBe(14);
    expect(lastDay('cold')).toBe(30);
  });

  it('has an Arabic version of every template', () => {
    for (const sequence of builtInSequences) {
      for (const step of sequence.steps) {
        if (step.channel !== 'call') expect(step.message.translations?.ar, sequence.sequenceId).toBeTruthy();
      }
    }
  });
});
