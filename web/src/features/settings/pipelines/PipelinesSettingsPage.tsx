import { Button, Center, Group, Loader, NavLink, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SettingsErrorAlert as ApiErrorAlert } from '../SettingsErrorAlert';
import { IconPlus } from '../../../ui/icons';
import { SectionPage } from '../../../ui/SectionPage';
import { AdminOnly } from '../AdminOnly';
import { CreatePipelineModal } from './CreatePipelineModal';
import { LossReasonsBlock } from './LossReasonsBlock';
import { PipelineCard } from './PipelineCard';
import { fetchPipelines, pipelinesKey } from './pipelines-api';

/** Settings -> Pipelines and stages, with the loss reasons shared by every pipeline. */
export function PipelinesSettingsPage() {
  const { t } = useTranslation();
  return (
    <SectionPage title={t('settingsPipelines.title')} back={{ to: '/settings', label: t('nav.settings') }}>
      <AdminOnly>
        <PipelinesEditor />
      </AdminOnly>
    </SectionPage>
  );
}

function PipelinesEditor() {
  const { t } = useTranslation();
  const pipelines = useQuery({ queryKey: pipelinesKey, queryFn: fetchPipelines });
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const select = (id: number | null) =>
    setParams(id === null ? {} : { pipeline: String(id) }, { replace: true });

  if (pipelines.isPending) {
    return (
      <Center py="xl" role="status" aria-label={t('app.loading')}>
        <Loader />
      </Center>
    );
  }
  if (pipelines.isError) {
    return (
      <ApiErrorAlert
        error={pipelines.error}
        title={t('settingsPipelines.loadFailed')}
        onRetry={() => void pipelines.refetch()}
      />
    );
  }
  const list = pipelines.data;
  const wanted = Number(params.get('pipeline'));
  const selected = list.find((p) => p.id === wanted) ?? list.find((p) => p.is_main) ?? list[0];
  const active = list.filter((p) => !p.is_archive);
  const archived = list.filter((p) => p.is_archive);
  const link = (p: (typeof list)[number]) => (
    <NavLink
      key={p.id}
      component="button"
      label={p.name}
      description={t('settingsPipelines.stageCount', { count: p._embedded.statuses.length })}
      active={p.id === selected?.id}
      onClick={() => select(p.id)}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );

  return (
    <Stack gap="xl" maw={1100}>
      <Group align="flex-start" gap="lg" wrap="wrap">
        <Stack gap={4} w={{ base: '100%', sm: 240 }} component="nav" aria-label={t('settingsPipelines.list')}>
          {active.map(link)}
          {archived.length > 0 && (
            <Text fz="xs" c="dimmed" tt="uppercase" mt="sm" px="sm">
              {t('settingsPipelines.archive')}
            </Text>
          )}
          {archived.map(link)}
          <Button
            variant="light"
            mt="sm"
            leftSection={<IconPlus size={16} />}
            onClick={() => setCreating(true)}
          >
            {t('settingsPipelines.add')}
          </Button>
        </Stack>
        <div style={{ flex: '1 1 480px', minWidth: 0 }}>
          {selected && <PipelineCard key={selected.id} pipeline={selected} onDeleted={() => select(null)} />}
        </div>
      </Group>
      <LossReasonsBlock />
      <CreatePipelineModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          select(id);
        }}
      />
    </Stack>
  );
}
