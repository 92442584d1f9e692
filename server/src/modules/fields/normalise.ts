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

/** Company custom field codes that hold a tax id (ИНН, ЄДРПОУ, VAT). */
export const TAX_ID_CODES = ['INN', 'TAX_ID', 'VAT_ID', 'EDRPOU'];

/**
 * A tax id as compared for duplicates: a Russian ИНН (10 digits for a company, 12 for a person)
 * typed with spaces, dashes, dots or an "ИНН" label becomes its bare digits; anything else (an
 * EU VAT id, a Ukrainian ЄДРПОУ) is kept, lower-cased and without spaces and dashes.
 */
export function normaliseTaxId(raw: string): string {
  const compact = raw
    .trim()
    .toLowerCase()
    .replace(/[\s\u00a0\-.]+/g, '');
  const digits = compact.replace(/^(инн|inn|taxid)[:№#]?/, '');
  if (/^\d+$/.test(digits) && (digits.length === 10 || digits.length === 12)) return digits;
  return compact;
}
