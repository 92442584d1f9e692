import { Center, Loader } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SettingsErrorAlert as ApiErrorAlert } from '../SettingsErrorAlert';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { NamedList, type NamedItem } from '../NamedList';
import { SettingsSection } from '../SettingsSection';
import {
  createLossReason,
  deleteLossReason,
  fetchLossReasons,
  lossReasonsKey,
  updateLossReason,
} from './pipelines-api';

/** The reasons a manager picks when a deal is lost (amoCRM's loss reasons, shared by all pipelines). */
export function LossReasonsBlock() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const reasons = useQuery({ queryKey: lossReasonsKey, queryFn: fetchLossReasons });
  const [deleting, setDeleting] = useState<NamedItem | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: lossReasonsKey });
  const onError = (error: unknown) =>
    notifications.show({
      color: 'red',
      title: t('settingsPipelines.lossReasons.saveFailed'),
      message: error instanceof Error ? error.message : '',
    });
  const add = useMutation({ mutationFn: createLossReason, onSuccess: refresh, onError });
  const rename = useMutation({
    mutationFn: ({ id, name }: { id: number; name: string }) => updateLossReason(id, { name }),
    onSuccess: refresh,
    onError,
  });
  const remove = useMutation({
    mutationFn: (id: number) => deleteLossReason(id),
    onSuccess: async () => {
      setDeleting(null);
      await refresh();
    },
  });

  return (
    <SettingsSection
      title={t('settingsPipelines.lossReasons.title')}
      description={t('settingsPipelines.lossReasons.description')}
    >
      {reasons.isPending ? (
        <Center py="md">
          <Loader size="sm" />
        </Center>
      ) : reasons.isError ? (
        <ApiErrorAlert error={reasons.error} title={t('settingsPipelines.lossReasons.loadFailed')} />
      ) : (
        <NamedList
          items={reasons.data}
          listLabel={t('settingsPipelines.lossReasons.title')}
          emptyText={t('settingsPipelines.lossReasons.empty')}
          addLabel={t('settings.add')}
          addPlaceholder={t('settingsPipelines.lossReasons.placeholder')}
          renameLabel={(name) => t('settings.renameNamed', { name })}
          deleteLabel={(name) => t('settings.deleteNamed', { name })}
          adding={add.isPending}
          onAdd={(name) => add.mutateAsync(name)}
          onRename={(id, name) => rename.mutate({ id, name })}
          onDelete={(item) => {
            remove.reset();
            setDeleting(item);
          }}
        />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('settingsPipelines.lossReasons.deleteTitle', { name: deleting?.name ?? '' })}
        message={t('settingsPipelines.lossReasons.deleteText')}
        confirmLabel={t('settings.delete')}
        loading={remove.isPending}
        error={<ApiErrorAlert error={remove.error} title={t('settingsPipelines.lossReasons.deleteFailed')} />}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      />
    </SettingsSection>
  );
}
