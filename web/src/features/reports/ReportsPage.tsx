import { useTranslation } from 'react-i18next';
import { IconChart } from '../../ui/icons';
import { SectionPage } from '../../ui/SectionPage';

/** Placeholder until the reports section is built: says what will live here. */
export function ReportsPage() {
  const { t } = useTranslation();
  return (
    <SectionPage
      title={t('nav.reports')}
      emptyTitle={t('sections.reports.emptyTitle')}
      emptyText={t('sections.reports.emptyText')}
      icon={<IconChart size={28} />}
    />
  );
}
