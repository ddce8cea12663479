import { leadgenLeadSchema } from '../../../schemas/events/facebook';
import { MessagingRejectedError } from '../../domain/messaging/messaging-errors';
import type { LeadAdsPort } from '../../ports/messaging';
import { createGraphClient, type GraphClientOptions } from './graph-client';

const leadFields = 'id,created_time,ad_id,adset_id,campaign_id,form_id,is_organic,platform,field_data';

/** Facebook lead ads over `GET /{leadgen-id}`; needs a page access token with `leads_retrieval`. */
export const createGraphApiLeadAds = (options: GraphClientOptions): LeadAdsPort => {
  const graph = createGraphClient(options);
  return {
    async fetchLeadgenLead(leadgenId) {
      if (!/^\d+$/.test(leadgenId)) throw new MessagingRejectedError(100, 'Invalid leadgen id');
      return graph.request(
        { method: 'GET', path: `/${leadgenId}`, query: { fields: leadFields }, retryTimeouts: true },
        leadgenLeadSchema,
      );
    },
  };
};
