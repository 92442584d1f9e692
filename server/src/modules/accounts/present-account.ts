import type { Account } from '../../db/types.ts';

const currencySymbols: Record<string, string> = {
  RUB: '₽',
  UAH: '₴',
  USD: '$',
  EUR: '€',
  KZT: '₸',
  BYN: 'Br',
};

/** "+03:00" for the zone at the given moment. */
export function timezoneOffset(timeZone: string, at = new Date()): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = part?.replace('GMT', '') ?? '';
  return offset === '' ? '+00:00' : offset;
}

/** The amoCRM `GET /api/v4/account` body without `_links` and `_embedded`. */
export const presentAccount = (account: Account, currentUserId: number) => ({
  id: account.id,
  name: account.name,
  subdomain: account.subdomain,
  created_at: account.created_at,
  created_by: 0,
  updated_at: account.updated_at,
  updated_by: 0,
  current_user_id: currentUserId,
  country: account.country,
  currency: account.currency,
  currency_symbol: currencySymbols[account.currency] ?? account.currency,
  customers_mode: 'disabled',
  is_unsorted_on: true,
  is_loss_reason_enabled: true,
  is_helpbot_enabled: false,
  is_technical_account: false,
  contact_name_display_order: 1,
  mobile_feature_version: 0,
  is_api_filter_enabled: true,
});

export const datetimeSettings = (account: Account) => ({
  date_pattern: account.locale === 'en' ? 'MM/DD/YYYY HH:mm' : 'DD.MM.YYYY HH:mm',
  short_date_pattern: account.locale === 'en' ? 'MM/DD/YYYY' : 'DD.MM.YYYY',
  short_time_pattern: 'HH:mm',
  date_format: account.locale === 'en' ? 'm/d/Y' : 'd.m.Y',
  time_format: 'H:i',
  timezone: account.timezone,
  timezone_offset: timezoneOffset(account.timezone),
});
