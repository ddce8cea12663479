/** What this brokerage's WhatsApp integration needs from Meta; never logged. */
export interface WhatsAppCredentials {
  /** Meta app secret: signs every webhook (X-Hub-Signature-256). */
  appSecret: string;
  /** Ours to choose: Meta echoes it in the subscription handshake. */
  verifyToken: string;
  /** System-user access token for the Graph API; absent means nothing leaves the machine (sandbox). */
  accessToken?: string;
  /** The business phone number's id; absent with the access token. */
  phoneNumberId?: string;
}

export interface WhatsAppCredentialSource {
  /** Cached by the implementation; a rotated secret is picked up within its cache age. */
  get(): Promise<WhatsAppCredentials>;
}
