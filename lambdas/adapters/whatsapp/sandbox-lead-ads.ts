import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type LeadgenLead, leadgenLeadSchema } from '../../../schemas/events/facebook';
import { MessagingRejectedError } from '../../domain/messaging/messaging-errors';
import type { LeadAdsPort } from '../../ports/messaging';

const fileFor = (directory: string, leadgenId: string) => {
  if (!/^\d+$/.test(leadgenId)) throw new MessagingRejectedError(100, 'Invalid leadgen id');
  return join(directory, `${leadgenId}.json`);
};

const isMissing = (error: unknown) => error instanceof Error && 'code' in error && error.code === 'ENOENT';

/** Present while the sandbox plays a page token that expired; `setSandboxTokenExpired` adds and removes it. */
const expiredTokenMarker = (directory: string) => join(directory, 'token-expired');

const tokenExpired = async (directory: string) => {
  try {
    await access(expiredTokenMarker(directory));
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
};

/**
 * Lead-form submissions for the local runtime, where there is no Graph API: the simulator stores the
 * lead as `<directory>/<leadgen_id>.json` before posting the `leadgen` webhook, and this adapter serves
 * it exactly as `GET /{leadgen-id}` would. An unknown id fails like Graph does (code 100); while the
 * token is marked expired, every read fails as Graph's does for an expired page token (code 190).
 */
export const createSandboxLeadAds = (directory: string): LeadAdsPort => ({
  async fetchLeadgenLead(leadgenId) {
    if (await tokenExpired(directory)) {
      throw new MessagingRejectedError(190, 'Error validating access token: Session has expired');
    }
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

/** Makes the sandbox play an expired page token (every read fails with code 190), or a renewed one. */
export const setSandboxTokenExpired = async (directory: string, expired: boolean): Promise<void> => {
  if (!expired) return rm(expiredTokenMarker(directory), { force: true });
  await mkdir(directory, { recursive: true });
  await writeFile(
    expiredTokenMarker(directory),
    'The sandbox answers lead-form reads as Graph does for an expired token.\n',
  );
};
