import { useTranslation } from 'react-i18next';
import { IconChecklist } from '../../ui/icons';
import { SectionPage } from '../../ui/SectionPage';

/** Placeholder until the tasks section is built: says what will live here. */
export function TasksPage() {
  const { t } = useTranslation();
  return (
    <SectionPage
      title={t('nav.tasks')}
      emptyTitle={t('sections.tasks.emptyTitle')}
      emptyText={t('sections.tasks.emptyText')}
      icon={<IconChecklist size={28} />}
    />
  );
}
