/**
 * The Meta ids the local runtime binds its webhooks to unless the environment names others: `npm start`
 * applies and prints them, and the simulator sends them, so a simulated event is always this brokerage's.
 * Fake ids of Meta's shape, owned by nobody.
 */
export const metaDevIds = {
  WHATSAPP_PHONE_NUMBER_ID: '100000000000201',
  FACEBOOK_PAGE_ID: '100000000000301',
} as const;
