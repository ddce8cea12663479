import type { Actor } from './actor';
import { NotFoundError } from './errors';

/**
 * Lets only an admin of this brokerage through. Anyone else gets the 404 a foreign id gets (as an agent
 * naming another agent does): an admin-only resource is not shown to exist.
 */
export const requireBrokerageAdmin = (actor: Actor, brokerageId: string): void => {
  if (actor.role !== 'admin' || actor.brokerageId !== brokerageId) throw new NotFoundError('Resource');
};
