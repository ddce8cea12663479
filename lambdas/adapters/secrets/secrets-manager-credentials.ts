import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import * as z from 'zod';
import type { WhatsAppCredentialSource, WhatsAppCredentials } from '../../ports/whatsapp-credentials';

export interface SecretsManagerCredentialsOptions {
  /** ARN of the JSON secret `{ appSecret, verifyToken, accessToken, phoneNumberId, pageId, pageAccessToken }`. */
  secretArn: string;
  /** How long a read value is reused before Secrets Manager is asked again; a rotation shows up after this. */
  maxAgeSeconds?: number;
}

/** The stack creates the secret with Meta's values empty until the operator pastes them: empty means not set. */
const optional = z
  .string()
  .optional()
  .transform((value) => (value ? value : undefined));

const secretSchema = z.looseObject({
  appSecret: z.string().default(''),
  verifyToken: z.string().default(''),
  accessToken: optional,
  phoneNumberId: optional,
  /** Added by the operator next to the others; absent on secrets created before it existed. */
  pageId: optional,
  /** The Facebook Page's access token for Lead Ads, pasted by the operator beside the WhatsApp one. */
  pageAccessToken: optional,
});

/** WhatsApp credentials from one Secrets Manager secret, read through the Powertools cache. */
export const createSecretsManagerCredentials = ({
  secretArn,
  maxAgeSeconds = 300,
}: SecretsManagerCredentialsOptions): WhatsAppCredentialSource => ({
  async get(): Promise<WhatsAppCredentials> {
    const value = await getSecret(secretArn, {
      transform: 'json',
      maxAge: maxAgeSeconds,
      throwOnMissing: true,
    });
    const parsed = secretSchema.safeParse(value);
    // Name the fields only: the issue's input would be the secret itself.
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
      throw new Error(
        `The WhatsApp secret is not the expected JSON object (check: ${fields || 'its shape'})`,
      );
    }
    const { appSecret, verifyToken, accessToken, phoneNumberId, pageId, pageAccessToken } = parsed.data;
    return {
      appSecret,
      verifyToken,
      ...(accessToken !== undefined && { accessToken }),
      ...(phoneNumberId !== undefined && { phoneNumberId }),
      ...(pageId !== undefined && { pageId }),
      ...(pageAccessToken !== undefined && { pageAccessToken }),
    };
  },
});
