import { describe, expect, it } from 'vitest';
import { analysisTextFor } from '../../../../lambdas/domain/scoring/analysis-text';
import { anInteraction } from './fixtures';

describe('analysisTextFor', () => {
  it("joins the first message and the lead's inbound messages, oldest first", () => {
    const text = analysisTextFor({ initialMessage: 'Is it available?' }, [
      anInteraction(30, { type: 'whatsapp', direction: 'inbound', text: 'Saturday works' }),
      anInteraction(10, { type: 'whatsapp', direction: 'outbound', text: 'Yes, want to see it?' }),
      anInteraction(20, { type: 'email', direction: 'inbound', text: 'Great, when?' }),
      anInteraction(25, { type: 'note', direction: 'internal', text: 'Agent note' }),
    ]);

    expect(text).toBe('Is it available?\nGreat, when?\nSaturday works');
  });

  it('does not repeat the first message when the timeline also holds it', () => {
    const text = analysisTextFor({ initialMessage: 'price?' }, [
      anInteraction(0, { type: 'comment', direction: 'inbound', text: 'price?' }),
    ]);

    expect(text).toBe('price?');
  });

  it('keeps the newest messages when the whole would pass the bound', () => {
    const text = analysisTextFor(
      { initialMessage: 'first '.repeat(50) },
      [
        anInteraction(10, { type: 'whatsapp', direction: 'inbound', text: 'old '.repeat(50) }),
        anInteraction(20, { type: 'whatsapp', direction: 'inbound', text: 'newest message' }),
      ],
      120,
    );

    expect(text.length).toBeLessThanOrEqual(120);
    expect(text).toContain('newest message');
    expect(text).not.toContain('old');
  });
});
