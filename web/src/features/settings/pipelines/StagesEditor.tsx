import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SettingsErrorAlert as ApiErrorAlert } from '../SettingsErrorAlert';
import { IconPlus } from '../../../ui/icons';
import { readableError } from '../SettingsErrorAlert';
import { DeleteStageModal } from './DeleteStageModal';
import {
  createStage,
  deleteStage,
  pipelinesKey,
  reorderStages,
  stageRole,
  updateStage,
  type Pipeline,
  type Status,
} from './pipelines-api';
import { nextStageColor } from './stage-colors';
import { StageRow } from './StageRow';

/**
 * The stages of one pipeline in board order: incoming leads (when on), the open stages (drag to
 * reorder, by mouse, touch or keyboard: Space, arrows, Space), then won and lost.
 */
export function StagesEditor({ pipeline }: { pipeline: Pipeline }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const statuses = pipeline._embedded.statuses;
  const incoming = statuses.filter((s) => stageRole(s) === 'incoming');
  const open = statuses.filter((s) => stageRole(s) === 'open');
  const closed = statuses.filter((s) => stageRole(s) === 'won' || stageRole(s) === 'lost');
  const [newName, setNewName] = useState('');
  const [deleting, setDeleting] = useState<Status | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: pipelinesKey });
  const failed = (title: string) => (error: unknown) => {
    const readable = readableError(error);
    notifications.show({ color: 'red', title, message: readable instanceof Error ? readable.message : '' });
  };

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const setOrder = (ids: number[]) =>
    queryClient.setQueryData<Pipeline[]>(pipelinesKey, (old) =>
      old?.map((p) => {
        if (p.id !== pipeline.id) return p;
        const byId = new Map(p._embedded.statuses.map((s) => [s.id, s]));
        const moved = ids.flatMap((id) => byId.get(id) ?? []);
        const rest = p._embedded.statuses.filter((s) => !ids.includes(s.id));
        const head = rest.filter((s) => stageRole(s) === 'incoming');
        const tail = rest.filter((s) => stageRole(s) !== 'incoming');
        return { ...p, _embedded: { statuses: [...head, ...moved, ...tail] } };
      }),
    );

  const reorder = useMutation({
    mutationFn: (ids: number[]) => reorderStages(pipeline.id, ids),
    onMutate: (ids) => {
      const before = open.map((s) => s.id);
      setOrder(ids);
      return { before };
    },
    onError: (error, _ids, context) => {
      if (context) setOrder(context.before);
      failed(t('settingsPipelines.reorderFailed'))(error);
    },
    onSettled: refresh,
  });
  const rename = useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: { name?: string; color?: string } }) =>
      updateStage(pipeline.id, id, patch),
    onSuccess: refresh,
    onError: failed(t('settingsPipelines.saveStageFailed')),
  });
  const add = useMutation({
    mutationFn: (name: string) =>
      createStage(pipeline.id, { name, color: nextStageColor(open.at(-1)?.color) }),
    onSuccess: async () => {
      setNewName('');
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: ({ id, moveTo }: { id: number; moveTo: number }) => deleteStage(pipeline.id, id, moveTo),
    onSuccess: async () => {
      const name = deleting?.name ?? '';
      setDeleting(null);
      notifications.show({ color: 'teal', message: t('settingsPipelines.stageDeleted', { name }) });
      await refresh();
    },
  });

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const ids = open.map((s) => s.id);
    const from = ids.indexOf(Number(active.id));
    const to = ids.indexOf(Number(over.id));
    if (from < 0 || to < 0) return;
    reorder.mutate(arrayMove(ids, from, to));
  };

  const row = (s: Status) => (
    <StageRow
      key={s.id}
      status={s}
      onRename={(name) => rename.mutate({ id: s.id, patch: { name } })}
      onRecolor={(color) => rename.mutate({ id: s.id, patch: { color } })}
      onDelete={
        stageRole(s) === 'open' && open.length > 1
          ? () => {
              remove.reset();
              setDeleting(s);
            }
          : undefined
      }
    />
  );

  return (
    <Stack gap="xs">
      <Text fw={600}>{t('settingsPipelines.stages')}</Text>
      <Stack
        component="ul"
        gap={6}
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label={t('settingsPipelines.stages')}
      >
        {incoming.map(row)}
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
          <SortableContext items={open.map((s) => s.id)} strategy={verticalListSortingStrategy}>
            {open.map(row)}
          </SortableContext>
        </DndContext>
        {closed.map(row)}
      </Stack>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const name = newName.trim();
          if (name) add.mutate(name);
        }}
      >
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            value={newName}
            onChange={(e) => setNewName(e.currentTarget.value)}
            placeholder={t('settingsPipelines.newStagePlaceholder')}
            aria-label={t('settingsPipelines.newStage')}
            maxLength={255}
            style={{ flex: 1 }}
          />
          <Button type="submit" variant="light" leftSection={<IconPlus size={16} />} loading={add.isPending}>
            {t('settingsPipelines.addStage')}
          </Button>
        </Group>
      </form>
      <ApiErrorAlert error={add.error} title={t('settingsPipelines.addStageFailed')} />
      <DeleteStageModal
        key={deleting?.id ?? 0}
        stage={deleting}
        stages={statuses}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={(moveTo) => deleting && remove.mutate({ id: deleting.id, moveTo })}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
