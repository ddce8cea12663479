import type { EmailMessage } from '../../ports/email';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The plain-text body with the unsubscribe link at its foot. */
export const emailText = ({ text, unsubscribeUrl }: Pick<EmailMessage, 'text' | 'unsubscribeUrl'>) =>
  `${text.trimEnd()}\n\n--\nTo stop these emails: ${unsubscribeUrl}\n`;

/** The same words as minimal HTML: one paragraph per blank-line block, the unsubscribe link at the foot. */
export const emailHtml = ({ text, unsubscribeUrl }: Pick<EmailMessage, 'text' | 'unsubscribeUrl'>) => {
  const paragraphs = text
    .trim()
    .split(/\n\s*\n/)
    .map((block) => `<p>${escapeHtml(block).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const link = escapeHtml(unsubscribeUrl);
  return `<!doctype html>
<html><body style="font-family:sans-serif;line-height:1.5">
${paragraphs}
<p style="color:#666;font-size:12px">To stop these emails, <a href="${link}">unsubscribe</a>.</p>
</body></html>`;
};
