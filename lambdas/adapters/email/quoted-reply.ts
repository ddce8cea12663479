/** Lines where mail clients start the quoted earlier message. */
const quoteHeaders: RegExp[] = [
  // Gmail, Apple Mail, Thunderbird: "On Tue, 1 Dec 2026 at 10:02, Sam <sam@…> wrote:" (may wrap).
  /^On\s.{0,300}\swrote:\s*$/is,
  /^Le\s.{0,300}\sa écrit\s?:\s*$/is,
  /^El\s.{0,300}\sescribió:\s*$/is,
  /^Am\s.{0,300}\sschrieb\s.{0,100}:\s*$/is,
  // Outlook.
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
  /^From:\s.+$/i,
];

/**
 * The words of a reply without what it quotes: everything from the first quote header (or the first
 * `>`-quoted line) on, and a signature after the standard `-- ` marker, are dropped.
 */
export const withoutQuotedReply = (text: string): string => {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const withNext = `${line} ${lines[i + 1] ?? ''}`.trim();
    if (line.startsWith('>') || line === '-- ') {
      end = i;
      break;
    }
    if (quoteHeaders.some((pattern) => pattern.test(line.trim()))) {
      end = i;
      break;
    }
    // A quote header wrapped over two lines.
    if (/^On\s/i.test(line) && /\swrote:\s*$/i.test(withNext)) {
      end = i;
      break;
    }
  }
  return lines.slice(0, end).join('\n').trim();
};
