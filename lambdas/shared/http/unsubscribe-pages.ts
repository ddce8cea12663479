const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title>
<style>body{font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5}button{font-size:1rem;padding:.6rem 1.2rem}</style>
</head><body>
${body}
</body></html>`;

/** Asks before unsubscribing: the button posts the RFC 8058 form to the same link. */
export const confirmUnsubscribePage = () =>
  page(
    'Unsubscribe',
    `<h1>Unsubscribe from these emails?</h1>
<p>You will get no more emails from us at this address.</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
  );

export const unsubscribedPage = () =>
  page('Unsubscribed', '<h1>You are unsubscribed</h1><p>We will send no more emails to this address.</p>');

export const unknownLinkPage = () =>
  page(
    'Link not found',
    '<h1>This link is not valid</h1><p>Use the unsubscribe link in one of our emails.</p>',
  );

export const htmlHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};
