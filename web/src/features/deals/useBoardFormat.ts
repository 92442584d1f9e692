import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentSession } from '../auth/useSession';

const MARK = '\u0001';

/** A translation with one placeholder, looked up once: per card only the value is formatted. */
function template(text: string): (value: string) => string {
  const [before = '', after = ''] = text.split(MARK);
  return (value) => before + value + after;
}

/**
 * Money in the account's currency, dates and durations in the UI language, and the cards' texts:
 * made once per board, so the cards need neither their own formatters nor `useTranslation`, and a
 * first render of dozens of cards does not run a translation lookup per line.
 */
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
    const formatDateTime = (unix: number) => dateTime.format(unix * 1000);
    // Durations repeat across cards ("3 d"): each is translated (with its plural form) once.
    const durations = new Map<string, string>();
    const duration = (unit: 'minutes' | 'hours' | 'days', count: number) => {
      const key = `${unit}${count}`;
      let text = durations.get(key);
      if (text === undefined) {
        text = t(`board.card.${unit}`, { count });
        durations.set(key, text);
      }
      return text;
    };
    const task = template(t('board.card.task', { date: MARK }));
    const overdueTask = template(t('board.card.overdueTask', { date: MARK }));
    const inStageSince = template(t('board.card.inStageSince', { date: MARK }));
    return {
      money: (value: number) => money.format(value),
      date: (unix: number) => date.format(unix * 1000),
      dateTime: formatDateTime,
      /** "5 min", "3 h", "12 d" since a moment. */
      since: (unix: number, now: number) => {
        const s = Math.max(0, now - unix);
        if (s < 3600) return duration('minutes', Math.max(1, Math.floor(s / 60)));
        if (s < 86400) return duration('hours', Math.floor(s / 3600));
        return duration('days', Math.floor(s / 86400));
      },
      card: {
        noTasks: t('board.card.noTasks'),
        noResponsible: t('board.card.noResponsible'),
        roleDescription: t('board.dnd.card'),
        task: (unix: number, overdue: boolean) => (overdue ? overdueTask : task)(formatDateTime(unix)),
        inStageSince: (unix: number) => inStageSince(formatDateTime(unix)),
        stageOverdue: (days: number) => t('board.card.stageOverdue', { count: days }),
      },
    };
  }, [language, account.currency, t]);
}
