import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentSession } from '../features/auth/useSession';

/**
 * Money, numbers and dates in the UI language: money in the account's currency, dates and times
 * in the browser's time zone (the user's own clock).
 */
export function useRecordFormat() {
  const { i18n } = useTranslation();
  const { account } = useCurrentSession();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    let money: Intl.NumberFormat;
    try {
      money = new Intl.NumberFormat(language, {
        style: 'currency',
        currency: account.currency,
        maximumFractionDigits: 0,
      });
    } catch {
      money = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
    }
    const number = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
    const time = new Intl.DateTimeFormat(language, { timeStyle: 'short' });
    const relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
    return {
      language,
      currency: account.currency,
      money: (value: number) => money.format(value),
      number: (value: number) => number.format(value),
      dateTime: (seconds: number) => dateTime.format(seconds * 1000),
      date: (seconds: number) => date.format(seconds * 1000),
      time: (seconds: number) => time.format(seconds * 1000),
      /** "today", "tomorrow", "in 3 days", "2 days ago" for a day offset. */
      days: (offset: number) => relative.format(offset, 'day'),
    };
  }, [language, account.currency]);
}
