import type { NoticeLog } from '../../ports/push';
import { isConditionFailure } from './condition-failure';
import type { CrmService } from './service';

/** Claims as receipts (scope `push-notice`): a conditional create, expired by the table's TTL. */
export const createNoticeLog = (service: CrmService, now: () => Date = () => new Date()): NoticeLog => ({
  async claim(key, ttlSeconds) {
    const at = now();
    try {
      await service.entities.receipt
        .create({
          scope: 'push-notice',
          key,
          createdAt: at.toISOString(),
          expiresAt: Math.floor(at.getTime() / 1000) + ttlSeconds,
        })
        .go();
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },
});
