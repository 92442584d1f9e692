import { useTranslation } from 'react-i18next';
import { IconAdjustments } from '../../ui/icons';
import { SectionPage } from '../../ui/SectionPage';

/** Placeholder until the settings section is built: says what will live here. */
export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <SectionPage
      title={t('nav.settings')}
      emptyTitle={t('sections.settings.emptyTitle')}
      emptyText={t('sections.settings.emptyText')}
      icon={<IconAdjustments size={28} />}
    />
  );
}
