import { createHash, timingSafeEqual } from 'node:crypto';

export interface SubscriptionRequest {
  mode?: string;
  verifyToken?: string;
  challenge?: string;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Meta's webhook handshake: the challenge to echo when Meta asks to subscribe with our verify token,
 * undefined otherwise. The tokens are compared in constant time (as equal-length digests).
 */
export const confirmSubscription = (
  { mode, verifyToken, challenge }: SubscriptionRequest,
  expectedToken: string,
): string | undefined => {
  if (mode !== 'subscribe' || !challenge || !verifyToken || !expectedToken) return undefined;
  return timingSafeEqual(digest(verifyToken), digest(expectedToken)) ? challenge : undefined;
};
