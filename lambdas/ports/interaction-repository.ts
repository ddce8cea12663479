import type { Interaction } from '../../schemas/api/timeline';
import type { Page, PageRequest } from './page';

/** A lead's timeline: every touchpoint, newest first. */
export interface InteractionRepository {
  add(interaction: Interaction): Promise<void>;
  listTimeline(leadId: string, page: PageRequest): Promise<Page<Interaction>>;
}
