/** What this brokerage's WhatsApp and Facebook integration needs from Meta; never logged. */
export interface WhatsAppCredentials {
  /** Meta app secret: signs every webhook (X-Hub-Signature-256). */
  appSecret: string;
  /** Ours to choose: Meta echoes it in the subscription handshake. */
  verifyToken: string;
  /** System-user access token for the Graph API; absent means nothing leaves the machine (sandbox). */
  accessToken?: string;
  /** The business phone number's id: WhatsApp webhooks must name it, sends go from it. */
  phoneNumberId?: string;
  /** The brokerage's Facebook Page id: Page webhooks must name it. */
  pageId?: string;
  /** Page access token with `leads_retrieval`: Lead Ads forms are read with it, not with the WhatsApp token. */
  pageAccessToken?: string;
}

export interface WhatsAppCredentialSource {
  /** Cached by the implementation; a rotated secret is picked up within its cache age. */
  get(): Promise<WhatsAppCredentials>;
}
