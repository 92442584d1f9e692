import { useTranslation } from 'react-i18next';
import { IconFunnel } from '../../ui/icons';
import { SectionPage } from '../../ui/SectionPage';

/** Placeholder until the deals section is built: says what will live here. */
export function DealsPage() {
  const { t } = useTranslation();
  return (
    <SectionPage
      title={t('nav.deals')}
      emptyTitle={t('sections.deals.emptyTitle')}
      emptyText={t('sections.deals.emptyText')}
      icon={<IconFunnel size={28} />}
    />
  );
}
