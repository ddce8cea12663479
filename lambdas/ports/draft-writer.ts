import type { SequenceStep } from '../../schemas/api/sequences';
import type { DraftContext } from '../domain/followups/draft-context';
import type { Draft } from '../domain/followups/draft-from-template';

/**
 * Writes a follow-up message for one lead from their own words and history (a language model).
 * May throw or time out; whatever it returns is validated before it can be sent, and the template
 * drafter takes over when it fails.
 */
export interface DraftWriter {
  write(step: SequenceStep, context: DraftContext): Promise<Draft>;
}
