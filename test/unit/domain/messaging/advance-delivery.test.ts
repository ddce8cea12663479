import { beforeEach, describe, expect, it } from 'vitest';
import { StaleVersionError } from '../../../../lambdas/domain/errors';
import {
  applyPendingStatuses,
  isUndeliverableNumber,
  settleDelivery,
} from '../../../../lambdas/domain/messaging/advance-delivery';
import type { DeliveryStatus } from '../../../../lambdas/domain/messaging/delivery-status';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { MessageRef } from '../../../../lambdas/ports/message-refs';
import { createMockInteraction, createMockLead } from '../../../helpers/factories';
import { createInMemoryMessagingDeps, type InMemoryMessagingDeps } from './in-memory-messaging';

const NOW = new Date('2026-03-02T14:00:00.000Z');
const WAMID = 'wamid.HBgLMTIxMjU1NTAxNDIVAgARGBI2';
const minute = (n: number) => new Date(Date.UTC(2026, 2, 2, 13, n));

let deps: InMemoryMessagingDeps;
let ref: MessageRef;

beforeEach(async () => {
  deps = createInMemoryMessagingDeps(fixedClock(NOW));
  const lead = createMockLead({ phone: '+12125550142', waId: '12125550142' });
  const sent = createMockInteraction({
    leadId: lead.leadId,
    type: 'whatsapp',
    direction: 'outbound',
    text: 'The flat on 5th is free for a viewing on Thursday',
    deliveryStatus: 'accepted',
    metadata: { channel: 'whatsapp', wamid: WAMID },
  });
  await deps.leads.create(lead, [sent]);
  ref = {
    externalId: WAMID,
    leadId: lead.leadId,
    interactionId: sent.interactionId,
    createdAt: NOW.toISOString(),
  };
});

const message = async () => deps.refs.interactionOf(ref);
const lead = async () => deps.leads.get(ref.leadId);
const notOnWhatsApp = { code: 131026, title: 'Message undeliverable' };

describe('settleDelivery', () => {
  it('moves the status forward and keeps when each status happened', async () => {
    expect(await settleDelivery(ref, { status: 'sent', at: minute(1) }, deps)).toEqual({
      result: 'updated',
      status: 'sent',
    });
    await settleDelivery(ref, { status: 'delivered', at: minute(2) }, deps);

    const stored = await message();
    expect(stored?.deliveryStatus).toBe('delivered');
    expect(stored?.metadata).toMatchObject({
      wamid: WAMID,
      statusTimes: { sent: minute(1).toISOString(), delivered: minute(2).toISOString() },
    });
  });

  it('leaves a read message read when a late delivered arrives, and says so', async () => {
    await settleDelivery(ref, { status: 'read', at: minute(3) }, deps);

    expect(await settleDelivery(ref, { status: 'delivered', at: minute(2) }, deps)).toEqual({
      result: 'unchanged',
      status: 'read',
    });
    expect((await message())?.deliveryStatus).toBe('read');
    expect((await message())?.metadata?.statusTimes).toEqual({ read: minute(3).toISOString() });
  });

  it('says the message is unknown when its interaction is gone', async () => {
    const gone = { ...ref, interactionId: 'interaction-gone' };
    expect(await settleDelivery(gone, { status: 'sent', at: minute(1) }, deps)).toEqual({
      result: 'unknown_message',
    });
  });

  it('keeps Meta’s error on a failed message and marks a number WhatsApp cannot reach', async () => {
    await settleDelivery(ref, { status: 'failed', at: minute(1), error: notOnWhatsApp }, deps);

    expect((await message())?.metadata).toMatchObject({ error: notOnWhatsApp });
    expect((await lead())?.phoneStatus).toBe('invalid');
    const system = (await deps.interactions.listTimeline(ref.leadId, { limit: 10 })).items.find(
      (item) => item.type === 'system',
    );
    expect(system?.text).toBe('WhatsApp cannot deliver to this number (131026: Message undeliverable)');
  });

  it('does not mark the number for a failure of another kind (rate limit, template, transient)', async () => {
    for (const code of [130429, 132001, 131000]) {
      await settleDelivery(ref, { status: 'failed', at: minute(1), error: { code, title: 'Other' } }, deps);
    }
    expect((await lead())?.phoneStatus).not.toBe('invalid');
  });

  it('does not mark the number when a failure arrives for a message already delivered', async () => {
    await settleDelivery(ref, { status: 'delivered', at: minute(2) }, deps);
    await settleDelivery(ref, { status: 'failed', at: minute(1), error: notOnWhatsApp }, deps);

    expect((await lead())?.phoneStatus).not.toBe('invalid');
    expect((await message())?.metadata?.error).toBeUndefined();
  });

  it('completes the number mark on a repeat of the failure that stored the status but stopped short', async () => {
    await deps.refs.changeDelivery(ref, 'accepted', { deliveryStatus: 'failed' });

    await settleDelivery(ref, { status: 'failed', at: minute(1), error: notOnWhatsApp }, deps);

    expect((await lead())?.phoneStatus).toBe('invalid');
  });

  it('does not keep an error on a status that is not a failure', async () => {
    await settleDelivery(ref, { status: 'sent', at: minute(1), error: notOnWhatsApp }, deps);
    expect((await message())?.metadata?.error).toBeUndefined();
    expect((await lead())?.phoneStatus).not.toBe('invalid');
  });

  it('does not mark the number again for a late non-failure status on a failed message', async () => {
    await settleDelivery(
      ref,
      { status: 'failed', at: minute(1), error: { code: 131000, title: 'Something went wrong' } },
      deps,
    );

    await settleDelivery(ref, { status: 'sent', at: minute(2), error: notOnWhatsApp }, deps);

    expect((await lead())?.phoneStatus).not.toBe('invalid');
  });

  it('tries again when another delivery moved the status first, and gives up after five tries', async () => {
    let raced = 0;
    const racing = {
      ...deps,
      refs: {
        ...deps.refs,
        async changeDelivery(...args: Parameters<typeof deps.refs.changeDelivery>) {
          raced++;
          return raced < 3 ? false : deps.refs.changeDelivery(...args);
        },
      },
    };
    expect(await settleDelivery(ref, { status: 'sent', at: minute(1) }, racing)).toMatchObject({
      result: 'updated',
    });
    expect(raced).toBe(3);

    const alwaysLosing = { ...deps, refs: { ...deps.refs, changeDelivery: async () => false } };
    let tries = 0;
    const counting = {
      ...alwaysLosing,
      refs: {
        ...alwaysLosing.refs,
        async interactionOf(r: MessageRef) {
          tries++;
          return deps.refs.interactionOf(r);
        },
      },
    };
    await expect(
      settleDelivery(ref, { status: 'delivered', at: minute(2) }, counting),
    ).rejects.toBeInstanceOf(StaleVersionError);
    expect(tries).toBe(5);
  });
});

describe('isUndeliverableNumber', () => {
  it.each([131026, 131030, 131021])('is true for %i', (code) => {
    expect(isUndeliverableNumber({ code })).toBe(true);
  });

  it.each([131047, 130429, 131000, 470])('is false for %i', (code) => {
    expect(isUndeliverableNumber({ code })).toBe(false);
  });

  it('is false without an error', () => {
    expect(isUndeliverableNumber(undefined)).toBe(false);
  });
});

describe('applyPendingStatuses', () => {
  const keep = async (status: DeliveryStatus, at: Date, error?: { code: number; title: string }) =>
    deps.pendingStatuses.keep({ wamid: WAMID, status, at: at.toISOString(), ...(error && { error }) }, 3600);

  it('applies the kept statuses in the order a message moves, whatever order they were kept in', async () => {
    await keep('read', minute(3));
    await keep('sent', minute(1));
    await keep('delivered', minute(2));

    expect(await applyPendingStatuses(ref, deps)).toBe(3);

    const stored = await message();
    expect(stored?.deliveryStatus).toBe('read');
    expect(stored?.metadata?.statusTimes).toEqual({
      sent: minute(1).toISOString(),
      delivered: minute(2).toISOString(),
      read: minute(3).toISOString(),
    });
    expect(await deps.pendingStatuses.listFor(WAMID)).toEqual([]);
  });

  it('applies a kept failure with its error, so an undeliverable number is marked', async () => {
    await keep('failed', minute(2), notOnWhatsApp);
    await keep('sent', minute(1));

    expect(await applyPendingStatuses(ref, deps)).toBe(2);

    expect((await message())?.deliveryStatus).toBe('failed');
    expect((await lead())?.phoneStatus).toBe('invalid');
  });

  it('does nothing when no status was kept', async () => {
    expect(await applyPendingStatuses(ref, deps)).toBe(0);
    expect((await message())?.deliveryStatus).toBe('accepted');
  });

  it('leaves the statuses of other messages kept', async () => {
    await deps.pendingStatuses.keep(
      { wamid: 'wamid.other', status: 'sent', at: minute(1).toISOString() },
      3600,
    );
    await keep('sent', minute(1));

    await applyPendingStatuses(ref, deps);

    expect(await deps.pendingStatuses.listFor('wamid.other')).toHaveLength(1);
  });
});
