import { Alert, Card, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconChevronRight } from '../../ui/icons';
import { SectionPage } from '../../ui/SectionPage';
import { fetchPipelines } from './automation-api';
import { AutomationSettingsForm } from './AutomationSettingsForm';

/** Settings → digital pipeline: choose the pipeline whose triggers to set up; the shared settings. */
export function AutomationIndexPage() {
  const { t } = useTranslation();
  const pipelines = useQuery({ queryKey: ['pipelines'], queryFn: fetchPipelines });
  return (
    <SectionPage title={t('automation.title')} back={{ to: '/settings', label: t('nav.settings') }}>
      <Stack gap="sm" maw={640}>
        <Text c="dimmed">{t('automation.intro')}</Text>
        {pipelines.isPending && <Loader />}
        {pipelines.error && <Alert color="red">{pipelines.error.message}</Alert>}
        {pipelines.data?.map((p) => (
          <Card
            key={p.id}
            component={Link}
            to={`/settings/pipelines/${p.id}/automation`}
            withBorder
            radius="md"
            padding="md"
          >
            <Group justify="space-between">
              <Text fw={600}>{p.name}</Text>
              <IconChevronRight size={18} />
            </Group>
          </Card>
        ))}
      </Stack>
      <Stack maw={720} mt="xl">
        <AutomationSettingsForm />
      </Stack>
    </SectionPage>
  );
}
