import type { CrmEntityType } from '@voronka/common';
import { Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { IconPlus } from '../../../ui/icons';
import { IconTrash } from '../../../ui/icons-extra';
import { InlineName } from '../pipelines/InlineName';
import { readableError, SettingsErrorAlert } from '../SettingsErrorAlert';
import { SettingsSection } from '../SettingsSection';
import {
  createGroup,
  deleteField,
  deleteGroup,
  fetchFields,
  fetchGroups,
  fieldsKey,
  groupsKey,
  renameGroup,
  type CustomField,
  type FieldGroup,
} from './fields-api';
import { FieldModal } from './FieldModal';
import { FieldRow } from './FieldRow';

type Deleting = { kind: 'field'; item: CustomField } | { kind: 'group'; item: FieldGroup };

/** The fields of one entity type, by group, with their add / edit / delete actions. */
export function FieldsEditor({ entity }: { entity: CrmEntityType }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const fields = useQuery({ queryKey: fieldsKey(entity), queryFn: () => fetchFields(entity) });
  const groups = useQuery({ queryKey: groupsKey(entity), queryFn: () => fetchGroups(entity) });
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Deleting | null>(null);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: fieldsKey(entity) });
    await queryClient.invalidateQueries({ queryKey: groupsKey(entity) });
  };
  const notifyError = (title: string) => (error: unknown) => {
    const readable = readableError(error);
    notifications.show({ color: 'red', title, message: readable instanceof Error ? readable.message : '' });
  };
  const addGroup = useMutation({
    mutationFn: () => createGroup(entity, t('settingsFields.newGroupName')),
    onSuccess: refresh,
    onError: notifyError(t('settingsFields.groupFailed')),
  });
  const rename = useMutation({
    mutationFn: ({ id, name }: { id: number; name: string }) => renameGroup(entity, id, name),
    onSuccess: refresh,
    onError: notifyError(t('settingsFields.groupFailed')),
  });
  const remove = useMutation({
    mutationFn: (d: Deleting) =>
      d.kind === 'field' ? deleteField(entity, d.item.id) : deleteGroup(entity, d.item.id),
    onSuccess: async () => {
      setDeleting(null);
      await refresh();
    },
  });

  if (fields.isPending || groups.isPending) {
    return (
      <Center py="xl" role="status" aria-label={t('app.loading')}>
        <Loader />
      </Center>
    );
  }
  if (fields.isError || groups.isError) {
    return (
      <SettingsErrorAlert
        error={fields.error ?? groups.error}
        title={t('settingsFields.loadFailed')}
        onRetry={() => void Promise.all([fields.refetch(), groups.refetch()])}
      />
    );
  }
  const sorted = [...fields.data].sort((a, b) => a.sort - b.sort || a.id - b.id);
  const groupIds = new Set(groups.data.map((g) => g.id));
  const sections: Array<{ group: FieldGroup | null; items: CustomField[] }> = [
    { group: null, items: sorted.filter((f) => f.group_id === undefined || !groupIds.has(f.group_id)) },
    ...[...groups.data]
      .sort((a, b) => a.sort - b.sort)
      .map((group) => ({ group, items: sorted.filter((f) => f.group_id === group.id) })),
  ];

  return (
    <Stack gap="md">
      <Group gap="sm">
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          {t('settingsFields.add')}
        </Button>
        <Button
          variant="default"
          leftSection={<IconPlus size={16} />}
          loading={addGroup.isPending}
          onClick={() => addGroup.mutate()}
        >
          {t('settingsFields.addGroup')}
        </Button>
      </Group>
      {sections.map(({ group, items }) => (
        <SettingsSection
          key={group?.id ?? 'main'}
          title={group?.name ?? t('settingsFields.mainGroup')}
          action={
            group && !group.is_predefined ? (
              <Group gap={4} wrap="nowrap">
                <InlineName
                  buttonOnly
                  value={group.name}
                  label={t('settingsFields.renameGroup', { name: group.name })}
                  onSave={(name) => rename.mutate({ id: group.id, name })}
                />
                <Button
                  variant="subtle"
                  color="red"
                  size="xs"
                  leftSection={<IconTrash size={14} />}
                  aria-label={t('settingsFields.deleteGroupNamed', { name: group.name })}
                  onClick={() => {
                    remove.reset();
                    setDeleting({ kind: 'group', item: group });
                  }}
                >
                  {t('settings.delete')}
                </Button>
              </Group>
            ) : undefined
          }
        >
          {items.length === 0 ? (
            <Text fz="sm" c="dimmed">
              {t('settingsFields.emptyGroup')}
            </Text>
          ) : (
            <Stack component="ul" gap={0} p={0} m={0} style={{ listStyle: 'none' }}>
              {items.map((field, i) => (
                <FieldRow
                  key={field.id}
                  field={field}
                  divided={i > 0}
                  onEdit={() => setEditing(field)}
                  onDelete={() => {
                    remove.reset();
                    setDeleting({ kind: 'field', item: field });
                  }}
                />
              ))}
            </Stack>
          )}
        </SettingsSection>
      ))}
      {editing !== null && (
        <FieldModal
          entity={entity}
          field={editing === 'new' ? null : editing}
          groups={groups.data}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title={
          deleting?.kind === 'group'
            ? t('settingsFields.deleteGroupTitle', { name: deleting.item.name })
            : t('settingsFields.deleteTitle', { name: deleting?.item.name ?? '' })
        }
        message={
          deleting?.kind === 'group' ? t('settingsFields.deleteGroupText') : t('settingsFields.deleteText')
        }
        confirmLabel={t('settings.delete')}
        loading={remove.isPending}
        error={<SettingsErrorAlert error={remove.error} title={t('settingsFields.deleteFailed')} />}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
