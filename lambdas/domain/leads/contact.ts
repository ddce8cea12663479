import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { ValidationError } from '../errors';

/** E.164 from whatever the agent typed; numbers without + are read in the agent's country. */
export const normalisePhone = (raw: string, defaultCountry: string, field = 'phone'): string => {
  const parsed = parsePhoneNumberFromString(raw, defaultCountry as CountryCode);
  if (!parsed?.isValid()) {
    throw new ValidationError([{ field, message: 'is not a valid phone number' }]);
  }
  return parsed.number;
};

export const normaliseEmail = (raw: string): string => raw.trim().toLowerCase();
