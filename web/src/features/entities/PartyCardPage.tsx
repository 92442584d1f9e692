import {
  ActionIcon,
  Anchor,
  Center,
  Grid,
  Group,
  Loader,
  Menu,
  Paper,
  Select,
  Stack,
  TagsInput,
  Text,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { IconAdjustments, IconChevronLeft } from '../../ui/icons';
import { IconTrash } from '../../ui/record-icons';
import { InlineText } from '../deal-card/InlineText';
import { notifyError } from '../deal-card/notify-error';
import { FieldsPanel } from '../fields/FieldsPanel';
import { useTags, useUsers } from '../records/hooks';
import { timelineKey } from '../timeline/api';
import { Timeline } from '../timeline/Timeline';
import {
  deleteParty,
  fetchParty,
  partyKey,
  patchParty,
  restoreParty,
  type PartyPatch,
  type PartyType,
} from './api';
import { PartyDeals } from './PartyDeals';
import { PartyLinks } from './PartyLinks';

/** /contacts/:id and /companies/:id — a card like the deal's: fields, deals, links, feed. */
export function PartyCardPage({ type }: { type: PartyType }) {
  const { t } = useTranslation();
  const ns = type === 'contacts' ? 'contacts' : 'companies';
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const party = useQuery({
    queryKey: partyKey(type, id),
    queryFn: () => fetchParty(type, id),
    enabled: valid,
  });
  const users = useUsers();
  const tags = useTags(type);
  const [confirmDelete, setConfirmDelete] = useState(false);
  useDocumentTitle(`${party.data?.name ?? t(`${ns}.cardTitle`)} · Voronka`);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: partyKey(type, id) }),
      queryClient.invalidateQueries({ queryKey: timelineKey(type, id) }),
      queryClient.invalidateQueries({ queryKey: ['v4', type, 'list'] }),
    ]);
  const save = async (patch: PartyPatch) => {
    await patchParty(type, id, patch);
    await refresh();
  };
  const restore = useMutation({
    mutationFn: () => restoreParty(type, id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['v4', type] });
      void navigate(`/${type}/${id}`);
    },
    onError: (error) => notifyError(t(`${ns}.restoreFailed`), error),
  });
  const remove = useMutation({
    mutationFn: () => deleteParty(type, id),
    onSuccess: async () => {
      setConfirmDelete(false);
      queryClient.removeQueries({ queryKey: partyKey(type, id) });
      await queryClient.invalidateQueries({ queryKey: ['v4', type, 'list'] });
      notifications.show({
        color: 'teal',
        message: (
          <Group gap="xs">
            <Text fz="sm">{t(`${ns}.deletedOne`)}</Text>
            <Anchor component="button" fz="sm" onClick={() => restore.mutate()}>
              {t('card.restore')}
            </Anchor>
          </Group>
        ),
        autoClose: 10_000,
      });
      void navigate(`/${type}`);
    },
  });

  const back = (
    <Anchor component={Link} to={`/${type}`} fz="sm" w="fit-content">
      <Group gap={2} wrap="nowrap">
        <IconChevronLeft size={16} />
        {t(`nav.${ns}`)}
      </Group>
    </Anchor>
  );
  if (!valid || (party.error instanceof ApiError && party.error.status === 404))
    return (
      <Stack>
        {back}
        <Title order={1} fz="h3">
          {t(`${ns}.notFound`)}
        </Title>
      </Stack>
    );
  if (party.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  if (party.isError)
    return (
      <ApiErrorAlert error={party.error} title={t(`${ns}.loadFailed`)} onRetry={() => void party.refetch()} />
    );
  const p = party.data;

  return (
    <Stack gap="md">
      {back}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <Stack gap="sm">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <InlineText
                  aria-label={t(`${ns}.name`)}
                  value={p.name}
                  variant="unstyled"
                  size="xl"
                  fw={650}
                  style={{ flex: 1, minWidth: 0 }}
                  onSave={(name) => save({ name })}
                />
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon variant="default" size="lg" aria-label={t(`${ns}.actions`)}>
                      <IconAdjustments size={18} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item
                      color="red"
                      leftSection={<IconTrash size={14} />}
                      onClick={() => setConfirmDelete(true)}
                    >
                      {t('card.delete')}
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </Group>
              <Select
                label={t('card.responsible')}
                data={(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
                value={p.responsible_user_id ? String(p.responsible_user_id) : null}
                variant="filled"
                searchable
                allowDeselect={false}
                onChange={(v) => {
                  if (v)
                    save({ responsible_user_id: Number(v) }).catch((error: unknown) =>
                      notifyError(t('card.saveFailed'), error),
                    );
                }}
              />
              <TagsInput
                label={t('card.tags')}
                placeholder={t('card.tagsPlaceholder')}
                data={(tags.data ?? []).map((tag) => tag.name)}
                value={(p._embedded?.tags ?? []).map((tag) => tag.name)}
                variant="filled"
                clearable
                onChange={(names) =>
                  save({ _embedded: { tags: names.length ? names.map((name) => ({ name })) : null } }).catch(
                    (error: unknown) => notifyError(t('card.saveFailed'), error),
                  )
                }
              />
            </Stack>
            <Paper withBorder radius="md" p="sm">
              <Text fw={600} fz="sm" tt="uppercase" c="dimmed" mb="xs">
                {t('card.fields')}
              </Text>
              <FieldsPanel
                entityType={type}
                values={p.custom_fields_values}
                onSave={(fieldId, values) => save({ custom_fields_values: [{ field_id: fieldId, values }] })}
              />
            </Paper>
            <PartyLinks party={p} type={type} onChanged={refresh} />
            <PartyDeals ids={(p._embedded?.leads ?? []).map((d) => d.id)} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Timeline entityType={type} entityId={p.id} onChanged={() => void refresh()} />
        </Grid.Col>
      </Grid>
      <ConfirmDialog
        opened={confirmDelete}
        title={t(`${ns}.deleteOneTitle`)}
        message={t(`${ns}.deleteOneText`, { name: p.name })}
        confirmLabel={t('card.delete')}
        loading={remove.isPending}
        error={<ApiErrorAlert error={remove.error} title={t(`${ns}.deleteFailed`)} />}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirmDelete(false)}
      />
    </Stack>
  );
}
