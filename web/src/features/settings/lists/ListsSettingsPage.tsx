import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SectionPage } from '../../../ui/SectionPage';
import { AdminOnly } from '../AdminOnly';
import { TagsBlock } from './TagsBlock';
import { TaskTypesBlock } from './TaskTypesBlock';

/** Settings -> Lists: task types and tags (loss reasons live with the pipelines). */
export function ListsSettingsPage() {
  const { t } = useTranslation();
  return (
    <SectionPage title={t('settingsLists.title')} back={{ to: '/settings', label: t('nav.settings') }}>
      <AdminOnly>
        <Stack gap="xl" maw={960}>
          <TaskTypesBlock />
          <TagsBlock />
        </Stack>
      </AdminOnly>
    </SectionPage>
  );
}
