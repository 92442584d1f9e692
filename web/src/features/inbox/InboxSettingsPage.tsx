import { Group, Loader, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentSession } from '../auth/useSession';
import { LOST_STATUS_ID, WON_STATUS_ID } from '../records/api';
import { usePipelines, useUsers } from '../records/hooks';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { IconSettingsCog } from '../../ui/icons-extra';
import { SectionPage } from '../../ui/SectionPage';
import { AutoAcceptCard } from './AutoAcceptCard';
import { DistributionCard } from './DistributionCard';
import {
  fetchAutoAccept,
  fetchDistributions,
  fetchSources,
  inboxSettingsKey,
  type DistributionRule,
} from './inbox-settings-api';
import { SourcesCard } from './SourcesCard';

const NONE: DistributionRule = { mode: 'none', user_ids: [], weights: [], only_working: false };
/** amoCRM's status type of the incoming-leads stage. */
const INCOMING_TYPE = 1;

/** Per pipeline: who gets accepted leads, and which channels skip the inbox into a stage. */
export function InboxSettingsPage() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const pipelines = usePipelines();
  const users = useUsers();
  const distributions = useQuery({
    queryKey: [...inboxSettingsKey, 'distribution'],
    queryFn: fetchDistributions,
  });
  const autoAccept = useQuery({ queryKey: [...inboxSettingsKey, 'auto-accept'], queryFn: fetchAutoAccept });
  const sources = useQuery({ queryKey: [...inboxSettingsKey, 'sources'], queryFn: fetchSources });
  const [chosen, setChosen] = useState<number | null>(null);
  const back = { to: '/settings', label: t('nav.settings') };
  if (!user.isAdmin) {
    return (
      <SectionPage
        title={t('inboxSettings.title')}
        back={back}
        emptyTitle={t('settings.adminOnlyTitle')}
        emptyText={t('inboxSettings.adminOnly')}
        icon={<IconSettingsCog size={28} />}
      />
    );
  }
  const live = (pipelines.data ?? []).filter((p) => !p.is_archive);
  const pipeline = live.find((p) => p.id === chosen) ?? live.find((p) => p.is_main) ?? live[0];
  const error = pipelines.error ?? users.error ?? distributions.error ?? autoAccept.error ?? sources.error;
  const loading = pipelines.isPending || users.isPending || distributions.isPending || autoAccept.isPending;
  const workingStages = (pipeline?._embedded.statuses ?? [])
    .filter((s) => s.type !== INCOMING_TYPE && s.id !== WON_STATUS_ID && s.id !== LOST_STATUS_ID)
    .sort((a, b) => a.sort - b.sort);
  return (
    <SectionPage title={t('inboxSettings.title')} back={back}>
      <Stack gap="md" maw={960}>
        <Text c="dimmed">{t('inboxSettings.description')}</Text>
        <ApiErrorAlert error={error} title={t('inboxSettings.loadFailed')} />
        {loading ? (
          <Group justify="center" py="xl">
            <Loader />
          </Group>
        ) : (
          pipeline && (
            <>
              <Select
                label={t('inboxSettings.pipeline')}
                w={320}
                data={live.map((p) => ({ value: String(p.id), label: p.name }))}
                value={String(pipeline.id)}
                allowDeselect={false}
                onChange={(v) => setChosen(v ? Number(v) : null)}
              />
              <DistributionCard
                key={`d-${pipeline.id}`}
                pipelineId={pipeline.id}
                rule={distributions.data?.items.find((r) => r.pipeline_id === pipeline.id) ?? NONE}
                users={users.data ?? []}
              />
              <AutoAcceptCard
                pipelineId={pipeline.id}
                stages={workingStages}
                rules={(autoAccept.data?.items ?? []).filter((r) => r.pipeline_id === pipeline.id)}
                users={users.data ?? []}
              />
              <SourcesCard
                // Sources without a pipeline feed the main one.
                sources={(sources.data?.items ?? []).filter(
                  (s) => (s.pipeline_id ?? (pipeline.is_main ? pipeline.id : null)) === pipeline.id,
                )}
                stages={workingStages}
              />
            </>
          )
        )}
      </Stack>
    </SectionPage>
  );
}
