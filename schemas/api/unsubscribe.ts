import * as z from 'zod';

/** An unsubscribe link's token; a malformed one is answered like an unknown one (404 page). */
export const unsubscribeParams = z.object({
  token: z.string().max(256).meta({ description: "The token in an email's unsubscribe link." }),
});

/** The form field RFC 8058 one-click unsubscribe posts (`List-Unsubscribe=One-Click`). */
export const oneClickField = 'List-Unsubscribe';
export const oneClickValue = 'One-Click';
