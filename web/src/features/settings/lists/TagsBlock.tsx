import type { CrmEntityType } from '@voronka/common';
import { Badge, SegmentedControl, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { NamedList, type NamedItem } from '../NamedList';
import { readableError, SettingsErrorAlert } from '../SettingsErrorAlert';
import { SettingsSection } from '../SettingsSection';
import { ColorChoice } from './ColorChoice';
import { deleteTag, fetchTags, TAG_COLORS, tagsKey, updateTag } from './lists-api';

const entities: readonly CrmEntityType[] = ['leads', 'contacts', 'companies'];

/** Tags of deals, contacts and companies: rename, recolour or delete them everywhere at once. */
export function TagsBlock() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [entity, setEntity] = useState<CrmEntityType>('leads');
  const [search, setSearch] = useState('');
  const tags = useQuery({ queryKey: tagsKey(entity), queryFn: () => fetchTags(entity) });
  const [deleting, setDeleting] = useState<NamedItem | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: tagsKey(entity) });
  const onError = (error: unknown) => {
    const readable = readableError(error);
    notifications.show({
      color: 'red',
      title: t('settingsLists.tags.saveFailed'),
      message: readable instanceof Error ? readable.message : '',
    });
  };
  const update = useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: { name?: string; color?: string | null } }) =>
      updateTag(entity, id, patch),
    onSuccess: refresh,
    onError,
  });
  const remove = useMutation({
    mutationFn: (id: number) => deleteTag(entity, id),
    onSuccess: async () => {
      setDeleting(null);
      await refresh();
    },
  });
  const needle = search.trim().toLocaleLowerCase();
  const shown = (tags.data ?? []).filter((tag) => !needle || tag.name.toLocaleLowerCase().includes(needle));
  return (
    <SettingsSection title={t('settingsLists.tags.title')} description={t('settingsLists.tags.description')}>
      <SegmentedControl
        w="fit-content"
        value={entity}
        onChange={(v) => setEntity(entities.find((e) => e === v) ?? 'leads')}
        data={entities.map((value) => ({ value, label: t(`settingsFields.entities.${value}`) }))}
      />
      <TextInput
        placeholder={t('settingsLists.tags.search')}
        aria-label={t('settingsLists.tags.search')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={320}
      />
      {tags.isError ? (
        <SettingsErrorAlert error={tags.error} title={t('settingsLists.tags.loadFailed')} />
      ) : (
        <NamedList
          items={shown.map((tag) => ({
            id: tag.id,
            name: tag.name,
            leading: (
              <ColorChoice
                color={tag.color}
                colors={TAG_COLORS}
                label={t('settingsLists.colorOf', { name: tag.name })}
                onChange={(color) => update.mutate({ id: tag.id, patch: { color } })}
              />
            ),
            extra: (
              <Badge variant="light" color="gray">
                {t('settingsLists.tags.uses', { count: tag.uses })}
              </Badge>
            ),
          }))}
          listLabel={t('settingsLists.tags.title')}
          emptyText={tags.isPending ? '' : t('settingsLists.tags.empty')}
          addLabel=""
          addPlaceholder=""
          renameLabel={(name) => t('settings.renameNamed', { name })}
          deleteLabel={(name) => t('settings.deleteNamed', { name })}
          onRename={(id, name) => update.mutate({ id, patch: { name } })}
          onDelete={(item) => {
            remove.reset();
            setDeleting(item);
          }}
        />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('settingsLists.tags.deleteTitle', { name: deleting?.name ?? '' })}
        message={t('settingsLists.tags.deleteText')}
        confirmLabel={t('settings.delete')}
        loading={remove.isPending}
        error={<SettingsErrorAlert error={remove.error} title={t('settingsLists.deleteFailed')} />}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      />
    </SettingsSection>
  );
}
