import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentSession } from '../auth/useSession';

/** Money in the account's currency, dates and durations in the UI language. */
export function useBoardFormat() {
  const { t, i18n } = useTranslation();
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
    const date = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short' });
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      money: (value: number) => money.format(value),
      date: (unix: number) => date.format(unix * 1000),
      dateTime: (unix: number) => dateTime.format(unix * 1000),
      /** "5 min", "3 h", "12 d" since a moment. */
      since: (unix: number, now: number) => {
        const s = Math.max(0, now - unix);
        if (s < 3600) return t('board.card.minutes', { count: Math.max(1, Math.floor(s / 60)) });
        if (s < 86400) return t('board.card.hours', { count: Math.floor(s / 3600) });
        return t('board.card.days', { count: Math.floor(s / 86400) });
      },
    };
  }, [language, account.currency, t]);
}
