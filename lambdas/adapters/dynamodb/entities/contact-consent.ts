import { Entity, type EntityItem } from 'electrodb';
import { consentStates } from '../../../../schemas/api/leads';
import { consentChannels, consentVias } from '../../../ports/consent-registry';

/**
 * A contact point's consent on one channel, across the brokerage: the suppression list. It outlives the
 * leads with the contact point (an erase leaves it), so the contact point is only a SHA-256 hash here,
 * never the number or address itself.
 */
export const contactConsentEntity = new Entity({
  model: { entity: 'contactConsent', version: '1', service: 'crm' },
  attributes: {
    brokerageId: { type: 'string', required: true, readOnly: true },
    /** sha256 of `kind:value` (`phone:+12125550142`), hex. */
    contactHash: { type: 'string', required: true, readOnly: true },
    channel: { type: consentChannels, required: true, readOnly: true },
    state: { type: consentStates, required: true },
    changedAt: { type: 'string', required: true },
    via: { type: consentVias, required: true },
    recordedAt: { type: 'string', required: true },
  },
  indexes: {
    byContact: {
      pk: { field: 'pk', composite: ['brokerageId', 'contactHash'] },
      sk: { field: 'sk', composite: ['channel'] },
    },
  },
});

export type ContactConsentItem = EntityItem<typeof contactConsentEntity>;
