import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** A WhatsApp user's id read as a phone number, with the other forms the same person may be saved under. */
export interface WhatsAppNumber {
  /** The id as Meta sent it: WhatsApp's own identity of the person. */
  waId: string;
  /**
   * The E.164 number a new lead keeps: the phone library's form when it knows the range, else `+<wa_id>`
   * as WhatsApp has it. Undefined only when the id cannot be a phone number at all.
   */
  phone?: string;
  /** Every E.164 form a lead of this person may have been saved under, `phone` first. */
  phones: string[];
}

// Mexico: WhatsApp still writes mobiles with the old `1` after 52 (521 + 10 digits); the numbering plan
// dropped it in 2019, so agents and the phone library write +52 + 10 digits.
const mexicoMobile = /^521([2-9]\d{9})$/;
const mexico = /^52([2-9]\d{9})$/;
// Argentina: mobiles are +54 9 + 10 digits internationally, but are often saved as +54 + 10 digits.
const argentinaMobile = /^549([1-9]\d{9})$/;
const argentina = /^54([1-8]\d{9})$/;

/** E.164 allows up to 15 digits; anything shorter than 7 is no subscriber number anywhere. */
const plausibleDigits = /^[1-9]\d{6,14}$/;

/** The forms of the same number, the one WhatsApp and the library agree on first. */
const nationalForms = (digits: string): string[] => {
  const mx = mexicoMobile.exec(digits) ?? mexico.exec(digits);
  if (mx) return [`+52${mx[1]}`, `+521${mx[1]}`];
  const ar = argentinaMobile.exec(digits);
  if (ar) return [`+549${ar[1]}`, `+54${ar[1]}`];
  const arFixed = argentina.exec(digits);
  if (arFixed) return [`+54${arFixed[1]}`, `+549${arFixed[1]}`];
  return [`+${digits}`];
};

const isValid = (e164: string) => parsePhoneNumberFromString(e164)?.isValid() === true;

/**
 * Reads a `wa_id` as a phone number. Known national forms (Mexico `521…`, Argentina `549…`/`54…`) are
 * matched to the form a lead may have been saved under, in both directions; a range the phone library does
 * not know yet keeps WhatsApp's own digits, so the message is never lost over a metadata gap.
 */
export const whatsAppNumber = (waId: string): WhatsAppNumber => {
  const digits = waId.trim();
  if (!plausibleDigits.test(digits)) return { waId, phones: [] };
  const forms = nationalForms(digits);
  const valid = forms.filter(isValid);
  // Without metadata for the range no lead can hold another form, so WhatsApp's digits are the only one.
  const phones = valid.length > 0 ? valid : [`+${digits}`];
  return { waId, phone: phones[0], phones };
};

/** The key that reserves one lead per WhatsApp user, the same whichever national form a message uses. */
export const whatsAppIntakeKey = ({ waId, phone }: WhatsAppNumber) =>
  phone === undefined ? `wa-id:${waId}` : `wa-phone:${phone}`;
