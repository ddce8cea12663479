import type { Temperature } from '../../../schemas/api/leads';
import type { ContentAnalysis, RecommendedAction } from '../../../schemas/scoring';
import type { BudgetFit } from './budget-fit';
import type { TimelineFacts } from './read-timeline';

export interface ActionContext {
  leadName: string;
  analysis: Pick<ContentAnalysis, 'intents' | 'timeframe' | 'financing'>;
  timeline: TimelineFacts;
  budgetFit: Pick<BudgetFit, 'status' | 'source' | 'reason'>;
  temperature: Temperature;
  now: number;
}

const MAX_ACTIONS = 4;
const DAY = 86_400_000;

const firstName = (name: string): string => name.trim().split(/\s+/, 1)[0] || 'the lead';

const add = (actions: RecommendedAction[], action: RecommendedAction): void => {
  if (actions.length < MAX_ACTIONS && !actions.some((a) => a.action === action.action)) actions.push(action);
};

/**
 * What the agent should do next, the next best action first: answer what is waiting, then what
 * the lead asked for, then what is still unknown, then how to keep in touch.
 */
export const recommendActions = (context: ActionContext): RecommendedAction[] => {
  const { analysis, timeline, budgetFit, temperature, now } = context;
  const name = firstName(context.leadName);
  const hot = temperature === 'hot';
  const actions: RecommendedAction[] = [];
  const intents = analysis.intents;

  const awaitingAgent =
    timeline.lastInboundAt !== undefined &&
    (timeline.lastOutboundAt === undefined || timeline.lastInboundAt > timeline.lastOutboundAt);
  if (timeline.outbound === 0) {
    add(
      actions,
      hot
        ? {
            action: 'call_now',
            channel: 'call',
            title: `Call ${name} now`,
            why: 'Hot lead who has not heard from you yet',
          }
        : {
            action: 'reply_now',
            channel: 'whatsapp',
            title: `Send ${name} a first message`,
            why: 'Not contacted yet; a reply within the hour wins most deals',
          },
    );
  } else if (awaitingAgent) {
    add(actions, {
      action: 'reply_now',
      channel: hot ? 'call' : 'whatsapp',
      title: `Reply to ${name}`,
      why: 'Their latest message has no answer yet',
    });
  }

  if (intents.includes('viewing')) {
    const when =
      analysis.timeframe === 'immediate'
        ? 'today'
        : analysis.timeframe === 'this_week'
          ? 'this week'
          : 'soon';
    add(actions, {
      action: 'schedule_viewing',
      channel: 'any',
      title: `Offer viewing times ${when}`,
      why: 'Asked to view the property',
    });
  }
  if (intents.includes('price') || intents.includes('negotiation')) {
    add(actions, {
      action: 'send_price_details',
      channel: 'whatsapp',
      title: 'Send the price and payment terms',
      why: intents.includes('negotiation') ? 'Talked about an offer' : 'Asked about the price',
    });
  }
  if (intents.includes('availability')) {
    add(actions, {
      action: 'confirm_availability',
      channel: 'whatsapp',
      title: 'Confirm it is available',
      why: 'Asked if it is still available',
    });
  }
  if (budgetFit.status === 'above_budget') {
    add(actions, {
      action: 'send_similar_listings',
      channel: 'whatsapp',
      title: 'Send listings within their budget',
      why: budgetFit.reason,
    });
  }
  if (
    analysis.financing === 'mortgage_needed' ||
    (intents.includes('financing') && analysis.financing === 'unknown')
  ) {
    add(actions, {
      action: 'share_financing_options',
      channel: 'email',
      title: 'Share mortgage and payment-plan options',
      why: 'Will need financing to buy',
    });
  }
  if (budgetFit.source === 'unknown' || budgetFit.source === 'typical') {
    add(actions, {
      action: 'ask_budget',
      channel: 'whatsapp',
      title: 'Ask about their budget',
      why: 'No budget known yet',
    });
  }
  if (analysis.timeframe === 'unspecified') {
    add(actions, {
      action: 'ask_timeline',
      channel: 'whatsapp',
      title: 'Ask when they plan to move',
      why: 'No timeframe given yet',
    });
  }

  const lastOutbound = timeline.lastOutboundAt;
  if (lastOutbound !== undefined && !awaitingAgent && now - lastOutbound >= DAY) {
    const days = Math.floor((now - lastOutbound) / DAY);
    add(actions, {
      action: 'follow_up',
      channel: temperature === 'cold' ? 'whatsapp' : 'call',
      title: `Follow up with ${name}`,
      why: `No reply for ${days} day${days === 1 ? '' : 's'}`,
    });
  }
  if (temperature === 'cold') {
    add(actions, {
      action: 'start_nurture_sequence',
      channel: 'any',
      title: 'Enrol in the cold-lead sequence',
      why: 'Low intent for now; keep in touch without daily effort',
    });
  }
  return actions;
};
