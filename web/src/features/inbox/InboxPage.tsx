import { useTranslation } from 'react-i18next';
import { IconInbox } from '../../ui/icons';
import { SectionPage } from '../../ui/SectionPage';

/** Placeholder until the inbox section is built: says what will live here. */
export function InboxPage() {
  const { t } = useTranslation();
  return (
    <SectionPage
      title={t('nav.inbox')}
      emptyTitle={t('sections.inbox.emptyTitle')}
      emptyText={t('sections.inbox.emptyText')}
      icon={<IconInbox size={28} />}
    />
  );
}
