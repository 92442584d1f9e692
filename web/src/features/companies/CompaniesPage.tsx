import { useTranslation } from 'react-i18next';
import { IconBuilding } from '../../ui/icons';
import { SectionPage } from '../../ui/SectionPage';

/** Placeholder until the companies section is built: says what will live here. */
export function CompaniesPage() {
  const { t } = useTranslation();
  return (
    <SectionPage
      title={t('nav.companies')}
      emptyTitle={t('sections.companies.emptyTitle')}
      emptyText={t('sections.companies.emptyText')}
      icon={<IconBuilding size={28} />}
    />
  );
}
