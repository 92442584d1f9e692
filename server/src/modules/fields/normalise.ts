import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';

/** The account's country as a phone region (accounts.country), RU when unknown. */
const region = (country: string) => {
  const upper = country.toUpperCase();
  return isSupportedCountry(upper) ? upper : 'RU';
};

/**
 * A phone as E.164 (`+79123456789`) when it parses as a possible number in the account's
 * country (so "8 (912) 345-67-89" in RU is +7...), else its bare digits, so the same number
 * typed in any format lands on the same `value_norm`.
 */
export function normalisePhone(raw: string, country: string): string {
  const parsed = parsePhoneNumberFromString(raw, region(country));
  if (parsed?.isPossible()) return parsed.number;
  return raw.replace(/\D+/g, '');
}

/** The E.164 form only when the text is a whole possible phone number, for exact matching. */
export function phoneOrNull(raw: string, country: string): string | null {
  if (!/^[\d\s()+\-.]+$/.test(raw)) return null;
  const parsed = parsePhoneNumberFromString(raw, region(country));
  return parsed?.isPossible() ? parsed.number : null;
}

export const normaliseEmail = (raw: string): string => raw.trim().toLowerCase();
