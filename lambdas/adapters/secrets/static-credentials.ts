import type { WhatsAppCredentialSource, WhatsAppCredentials } from '../../ports/whatsapp-credentials';

/** Credentials given once, e.g. from the environment of the local runtime. */
export const createStaticCredentials = (credentials: WhatsAppCredentials): WhatsAppCredentialSource => {
  const frozen = Object.freeze({ ...credentials });
  return { get: async () => frozen };
};
