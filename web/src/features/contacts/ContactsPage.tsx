import { useTranslation } from 'react-i18next';
import { IconUser } from '../../ui/icons';
import { SectionPage } from '../../ui/SectionPage';

/** Placeholder until the contacts section is built: says what will live here. */
export function ContactsPage() {
  const { t } = useTranslation();
  return (
    <SectionPage
      title={t('nav.contacts')}
      emptyTitle={t('sections.contacts.emptyTitle')}
      emptyText={t('sections.contacts.emptyText')}
      icon={<IconUser size={28} />}
    />
  );
}
