import { randomBytes } from 'node:crypto';

/**
 * Makes a message id in the shape Meta uses: `wamid.` + base64 of a small binary record holding the
 * counterpart's number and a random 18-character hex id (`HBgL…` for an 11-digit number).
 */
export const newWamid = (counterpart: string, random: (bytes: number) => Buffer = randomBytes): string => {
  const digits = Buffer.from(counterpart.replace(/\D/g, '').slice(0, 20), 'latin1');
  const id = Buffer.from(random(9).toString('hex').toUpperCase(), 'latin1');
  const record = Buffer.concat([
    Buffer.from([0x1c, 0x18, digits.length]),
    digits,
    Buffer.from([0x15, 0x02, 0x00, 0x11, 0x18, id.length]),
    id,
    Buffer.from([0x00]),
  ]);
  return `wamid.${record.toString('base64')}`;
};
