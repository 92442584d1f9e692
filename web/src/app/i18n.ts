import { languages, type Language } from '@voronka/common';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json';
import ru from '../locales/ru.json';

export { languages, type Language };

// Both files must carry every key: each is checked against the other's shape at compile time.
const enComplete: typeof ru = en;
const ruComplete: typeof en = ru;

export const resources = {
  ru: { translation: ruComplete },
  en: { translation: enComplete },
} as const;

export function isLanguage(value: unknown): value is Language {
  return languages.some((language) => language === value);
}

/** The browser's first supported language, else Russian (the audience of the product). */
export function browserLanguage(): Language {
  const preferred = typeof navigator === 'undefined' ? [] : navigator.languages;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'ru';
}

/** The language the UI currently renders in. */
export function currentLanguage(): Language {
  const active = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(active) ? active : 'ru';
}

/** Switches the UI language; a no-op when it is already active. */
export async function applyLanguage(language: Language): Promise<void> {
  if (i18n.language !== language) await i18n.changeLanguage(language);
}

// Screen readers and the browser's spellchecker and hyphenation follow <html lang>.
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources,
  lng: browserLanguage(),
  fallbackLng: 'ru',
  supportedLngs: languages,
  interpolation: { escapeValue: false },
  initAsync: false,
});

export { i18n };
