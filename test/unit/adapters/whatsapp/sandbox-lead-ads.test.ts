import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSandboxLeadAds,
  saveSandboxLead,
  setSandboxTokenExpired,
} from '../../../../lambdas/adapters/whatsapp/sandbox-lead-ads';
import { MessagingRejectedError } from '../../../../lambdas/domain/messaging/messaging-errors';
import { type LeadgenLead, leadgenLeadSchema } from '../../../../schemas/events/facebook';

describe('createSandboxLeadAds', () => {
  let directory: string;
  let lead: LeadgenLead;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'leadgen-'));
    lead = leadgenLeadSchema.parse(
      JSON.parse(
        await readFile(new URL('../../../fixtures/facebook/leadgen-lead.json', import.meta.url), 'utf8'),
      ),
    );
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('fails every read with code 190 while the token is marked expired, and serves again once renewed', async () => {
    await saveSandboxLead(directory, lead);
    const leadAds = createSandboxLeadAds(directory);

    await setSandboxTokenExpired(directory, true);
    const expired = await leadAds.fetchLeadgenLead(lead.id).catch((error: unknown) => error);
    await setSandboxTokenExpired(directory, false);

    expect(expired).toBeInstanceOf(MessagingRejectedError);
    expect(expired).toMatchObject({ code: 190 });
    expect(await leadAds.fetchLeadgenLead(lead.id)).toEqual(lead);
  });

  it('serves a saved lead exactly as Graph would return it', async () => {
    await saveSandboxLead(join(directory, 'nested'), lead);
    expect(await createSandboxLeadAds(join(directory, 'nested')).fetchLeadgenLead(lead.id)).toEqual(lead);
  });

  it('fails an unknown lead the way Graph does, with code 100', async () => {
    const error = await createSandboxLeadAds(directory)
      .fetchLeadgenLead('5555555555555555')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MessagingRejectedError);
    expect(error).toMatchObject({ code: 100 });
  });

  it('refuses an id that could reach outside its directory', async () => {
    await expect(createSandboxLeadAds(directory).fetchLeadgenLead('../secrets')).rejects.toMatchObject({
      code: 100,
    });
  });
});
