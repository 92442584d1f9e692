import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Formats unix seconds as a date and time in the UI language (and the browser's time zone). */
export function useFormatDateTime(): (unixSeconds: number) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    return (unixSeconds) => format.format(unixSeconds * 1000);
  }, [language]);
}
