import type { Clock } from '../../ports/clock';
import type { GuardedMove, OpenLeadRecountStore, VersionedLead } from '../../ports/open-lead-counts';
import { openBucketOf, openLeadMove } from '../activity/plan-open-lead';

export interface CountOpenLeadsDeps {
  recount: OpenLeadRecountStore;
  clock: Clock;
}

export interface OpenLeadsCounted {
  /** Leads read. */
  leads: number;
  /** Leads that were not counted where they belong and now are. */
  moved: number;
}

/** Moves per transaction: a lead check and a mark each, plus one count per agent and the brokerage's (≤ 100 items). */
const GROUP = 25;
/** A lead that keeps changing under the recount is left to the activity consumer, which counts it as it changes. */
const MAX_TRIES = 5;

/** The move that puts the lead where it belongs, from where its mark says it is; none if it is there or going. */
const moveOf = async (lead: VersionedLead, deps: CountOpenLeadsDeps): Promise<GuardedMove | undefined> => {
  if (lead.facts.erasing) return undefined;
  const mark = await deps.recount.openLeadMark(lead.facts.leadId);
  const move = openLeadMove(lead.facts.leadId, lead.facts.brokerageId, mark, openBucketOf(lead.facts));
  return move && { move, version: lead.version };
};

/** One lead on its own, read again as it is now until its move holds (a group had a lead move under it). */
const countAlone = async (leadId: string, deps: CountOpenLeadsDeps): Promise<boolean> => {
  for (let tries = 1; tries <= MAX_TRIES; tries++) {
    const lead = await deps.recount.lead(leadId);
    const move = lead && (await moveOf(lead, deps));
    if (!move) return false;
    if ((await deps.recount.move([move])) === 'moved') return true;
  }
  return false;
};

/**
 * Counts a brokerage's leads into the dashboard's open-lead counts once, for leads that were there
 * before the activity consumer kept the counts (a stack already live). Each lead goes where its mark
 * says it is not yet, on condition neither the lead nor its mark moved meanwhile, so running it again,
 * or while agents work, counts no lead twice. Then the brokerage's counts are marked whole.
 * Flow: page through the brokerage's leads → their marks → moves in groups (a group refused: one by
 * one, read again) → mark the brokerage seeded.
 */
export const countOpenLeads = async (
  brokerageId: string,
  deps: CountOpenLeadsDeps,
): Promise<OpenLeadsCounted> => {
  const counted: OpenLeadsCounted = { leads: 0, moved: 0 };
  let cursor: string | undefined;
  do {
    const page = await deps.recount.leadsOf(brokerageId, cursor);
    counted.leads += page.items.length;
    const moves = (await Promise.all(page.items.map((lead) => moveOf(lead, deps)))).flatMap((m) => m ?? []);
    // Groups one after another: each writes the brokerage's count, so two at once would only conflict.
    for (let start = 0; start < moves.length; start += GROUP) {
      const group = moves.slice(start, start + GROUP);
      if ((await deps.recount.move(group)) === 'moved') {
        counted.moved += group.length;
        continue;
      }
      for (const { move } of group) if (await countAlone(move.leadId, deps)) counted.moved += 1;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  await deps.recount.markSeeded(brokerageId, deps.clock.now().toISOString());
  return counted;
};
