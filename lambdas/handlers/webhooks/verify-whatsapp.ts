import { routeTable } from '../../../schemas/routes';
import { subscriptionHandshake } from '../../shared/http/subscription-handshake';
import { whatsAppCredentials } from '../../shared/messaging-wiring';

export const handler = subscriptionHandshake(routeTable.verifyWhatsAppWebhook, whatsAppCredentials());
