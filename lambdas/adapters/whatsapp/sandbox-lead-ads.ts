import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type LeadgenLead, leadgenLeadSchema } from '../../../schemas/events/facebook';
import { MessagingRejectedError } from '../../domain/messaging/messaging-errors';
import type { LeadAdsPort } from '../../ports/messaging';

const fileFor = (directory: string, leadgenId: string) => {
  if (!/^\d+$/.test(leadgenId)) throw new MessagingRejectedError(100, 'Invalid leadgen id');
  return join(directory, `${leadgenId}.json`);
};

const isMissing = (error: unknown) => error instanceof Error && 'code' in error && error.code === 'ENOENT';

/**
 * Lead-form submissions for the local runtime, where there is no Graph API: the simulator stores the
 * lead as `<directory>/<leadgen_id>.json` before posting the `leadgen` webhook, and this adapter serves
 * it exactly as `GET /{leadgen-id}` would. An unknown id fails like Graph does (code 100).
 */
export const createSandboxLeadAds = (directory: string): LeadAdsPort => ({
  async fetchLeadgenLead(leadgenId) {
    let text: string;
    try {
      text = await readFile(fileFor(directory, leadgenId), 'utf8');
    } catch (error) {
      if (isMissing(error)) throw new MessagingRejectedError(100, 'Unsupported get request: lead not found');
      throw error;
    }
    return leadgenLeadSchema.parse(JSON.parse(text));
  },
});

/** Stores a lead for `createSandboxLeadAds` to serve; written whole, then renamed, so a reader never sees half. */
export const saveSandboxLead = async (directory: string, lead: LeadgenLead): Promise<void> => {
  const file = fileFor(directory, leadgenLeadSchema.parse(lead).id);
  await mkdir(directory, { recursive: true });
  await writeFile(`${file}.tmp`, JSON.stringify(lead, null, 2), 'utf8');
  await rename(`${file}.tmp`, file);
};
