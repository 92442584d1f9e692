import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, languages, type Language } from '../app/i18n';

type Props = {
  value: Language;
  onChange: (language: Language) => void;
  ariaLabel?: string;
  fullWidth?: boolean;
};

/** Russian / English switch; each language is written in itself so it is findable whatever is active. */
export function LanguagePicker({ value, onChange, ariaLabel, fullWidth }: Props) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      aria-label={ariaLabel}
      fullWidth={fullWidth}
      value={value}
      onChange={(next) => {
        if (isLanguage(next)) onChange(next);
      }}
      data={languages.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
    />
  );
}
