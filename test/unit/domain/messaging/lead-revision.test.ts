import { describe, expect, it } from 'vitest';
import { StaleVersionError } from '../../../../lambdas/domain/errors';
import { LeadGoneError } from '../../../../lambdas/domain/leads/lead-errors';
import { retryOnStaleLead } from '../../../../lambdas/domain/messaging/lead-revision';
import { createMockLead } from '../../../helpers/factories';

describe('retryOnStaleLead', () => {
  it('skips quietly when the lead was erased after it was read', async () => {
    const lead = createMockLead();
    let attempts = 0;

    const result = await retryOnStaleLead(lead, { get: async () => lead }, async () => {
      attempts += 1;
      throw new LeadGoneError(lead.leadId);
    });

    expect(result).toBeUndefined();
    expect(attempts).toBe(1);
  });

  it('reruns the change on the fresh lead after a stale write', async () => {
    const lead = createMockLead({ version: 1 });
    const fresh = { ...lead, version: 2 };
    const seen: number[] = [];

    const result = await retryOnStaleLead(lead, { get: async () => fresh }, async (current) => {
      seen.push(current.version);
      if (current.version === 1) throw new StaleVersionError();
      return 'written';
    });

    expect(result).toBe('written');
    expect(seen).toEqual([1, 2]);
  });
});
