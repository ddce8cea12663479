import { describe, expect, it } from 'vitest';
import { canAdvanceStatus, type DeliveryStatus } from '../../../../lambdas/domain/messaging/delivery-status';

describe('canAdvanceStatus', () => {
  it.each<[DeliveryStatus | undefined, DeliveryStatus]>([
    [undefined, 'sent'],
    [undefined, 'read'],
    ['accepted', 'sent'],
    ['sent', 'delivered'],
    ['delivered', 'read'],
    ['accepted', 'read'],
    ['sent', 'read'],
    ['accepted', 'failed'],
    ['sent', 'failed'],
    ['failed', 'delivered'],
    ['failed', 'read'],
  ])('moves %s forward to %s', (current, next) => {
    expect(canAdvanceStatus(current, next)).toBe(true);
  });

  it.each<[DeliveryStatus, DeliveryStatus]>([
    ['read', 'delivered'],
    ['read', 'sent'],
    ['delivered', 'sent'],
    ['sent', 'accepted'],
    ['read', 'failed'],
    ['delivered', 'failed'],
    ['failed', 'sent'],
    ['failed', 'accepted'],
  ])('never moves %s back to %s', (current, next) => {
    expect(canAdvanceStatus(current, next)).toBe(false);
  });

  it.each<DeliveryStatus>(['accepted', 'sent', 'delivered', 'read', 'failed'])(
    'ignores a duplicate %s',
    (status) => {
      expect(canAdvanceStatus(status, status)).toBe(false);
    },
  );

  it('ends on the furthest status whatever order the webhooks arrive in', () => {
    const orders: DeliveryStatus[][] = [
      ['sent', 'delivered', 'read'],
      ['read', 'sent', 'delivered'],
      ['delivered', 'read', 'sent', 'read'],
      ['sent', 'failed', 'delivered'],
    ];
    const final = orders.map((order) =>
      order.reduce<DeliveryStatus | undefined>(
        (current, next) => (canAdvanceStatus(current, next) ? next : current),
        undefined,
      ),
    );
    expect(final).toEqual(['read', 'read', 'read', 'delivered']);
  });
});
