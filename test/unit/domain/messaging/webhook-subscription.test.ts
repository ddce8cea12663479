import { describe, expect, it } from 'vitest';
import { confirmSubscription } from '../../../../lambdas/domain/messaging/webhook-subscription';

const VERIFY_TOKEN = 'riverside-verify-7f3a';
const asked = { mode: 'subscribe', verifyToken: VERIFY_TOKEN, challenge: '1158201444' };

describe('confirmSubscription', () => {
  it('echoes the challenge when Meta subscribes with our verify token', () => {
    expect(confirmSubscription(asked, VERIFY_TOKEN)).toBe('1158201444');
  });

  it('refuses a wrong token, including one that only shares a prefix or differs in case', () => {
    expect(
      confirmSubscription({ ...asked, verifyToken: 'riverside-verify-7f3b' }, VERIFY_TOKEN),
    ).toBeUndefined();
    expect(confirmSubscription({ ...asked, verifyToken: 'riverside-verify' }, VERIFY_TOKEN)).toBeUndefined();
    expect(
      confirmSubscription({ ...asked, verifyToken: VERIFY_TOKEN.toUpperCase() }, VERIFY_TOKEN),
    ).toBeUndefined();
  });

  it('refuses any mode but subscribe', () => {
    expect(confirmSubscription({ ...asked, mode: 'unsubscribe' }, VERIFY_TOKEN)).toBeUndefined();
    expect(confirmSubscription({ verifyToken: VERIFY_TOKEN, challenge: '1' }, VERIFY_TOKEN)).toBeUndefined();
  });

  it('refuses a request without a challenge or a token', () => {
    expect(confirmSubscription({ ...asked, challenge: '' }, VERIFY_TOKEN)).toBeUndefined();
    expect(confirmSubscription({ mode: 'subscribe', challenge: '1' }, VERIFY_TOKEN)).toBeUndefined();
    expect(confirmSubscription({ ...asked, verifyToken: '' }, VERIFY_TOKEN)).toBeUndefined();
  });

  it('confirms nothing while no verify token is configured, even an empty one sent', () => {
    expect(confirmSubscription({ ...asked, verifyToken: '' }, '')).toBeUndefined();
    expect(confirmSubscription(asked, '')).toBeUndefined();
  });
});
