import { ActionIcon, Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { IconChevronDown } from '../../ui/icons';
import { deletePreset, fetchPresets, presetsKey, savePreset } from './board-api';

type Props = { currentQuery: string; onPick: (query: string) => void };

/** Saved filters: each user's own, kept on the server, restoring the URL they were saved from. */
export function PresetsMenu({ currentQuery, onPick }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const presets = useQuery({ queryKey: presetsKey, queryFn: fetchPresets });
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const save = useMutation({
    mutationFn: () => savePreset(name, currentQuery),
    onSuccess: async (preset) => {
      setNaming(false);
      setName('');
      notifications.show({ color: 'teal', message: t('board.presets.saved', { name: preset.name }) });
      await queryClient.invalidateQueries({ queryKey: presetsKey });
    },
  });
  const remove = useMutation({
    mutationFn: deletePreset,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: presetsKey }),
  });
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" rightSection={<IconChevronDown size={14} />}>
            {t('board.presets.title')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {(presets.data ?? []).length === 0 && <Menu.Label>{t('board.presets.empty')}</Menu.Label>}
          {(presets.data ?? []).map((p) => (
            <Group key={p.id} gap={0} wrap="nowrap">
              <Menu.Item onClick={() => onPick(p.query)} style={{ flex: 1 }}>
                {p.name}
              </Menu.Item>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                aria-label={t('board.presets.delete', { name: p.name })}
                onClick={() => remove.mutate(p.id)}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={() => setNaming(true)}>{t('board.presets.saveCurrent')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={naming} onClose={() => setNaming(false)} title={t('board.presets.saveTitle')} centered>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) save.mutate();
          }}
        >
          <Stack>
            <Text fz="sm" c="dimmed">
              {t('board.presets.saveText')}
            </Text>
            <TextInput
              label={t('board.presets.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              maxLength={100}
              data-autofocus
              required
            />
            {save.isError && <ApiErrorAlert error={save.error} title={t('board.presets.saveFailed')} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setNaming(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
                {t('board.presets.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
