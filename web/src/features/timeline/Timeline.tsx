import {
  Button,
  Center,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Tabs,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CrmEntityType, TimelineItem } from '@voronka/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { useRecordFormat } from '../../ui/useRecordFormat';
import { useFields } from '../fields/useFields';
import { ChatReply } from '../messenger/ChatReply';
import { conversationsKey, fetchConversations } from '../messenger/messenger-api';
import { usePipelines, useTaskTypes, useUserNames } from '../records/hooks';
import { MailComposer } from '../mail/MailComposer';
import type { MailNoteParams } from '../mail/MailNote';
import { addNote, fetchTimelinePage, pinNote, timelineKey } from './api';
import { CompleteTaskModal } from './CompleteTaskModal';
import { TaskForm } from './TaskForm';
import { TimelineEntry } from './TimelineEntry';

type Filter = 'all' | 'note' | 'task' | 'event' | 'robot' | 'message';
const FILTERS: readonly Filter[] = ['all', 'note', 'task', 'event', 'robot', 'message'];

type Props = { entityType: CrmEntityType; entityId: number; onChanged?: () => void };

/**
 * A card's feed (events, notes, tasks, messenger messages; newest first) with the note and task
 * composer, and the reply box when the card has a chat.
 */
export function Timeline({ entityType, entityId, onChanged }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const format = useRecordFormat();
  const userName = useUserNames();
  const pipelines = usePipelines();
  const taskTypes = useTaskTypes();
  const fields = useFields(entityType);
  const [filter, setFilter] = useState<Filter>('all');
  const [note, setNote] = useState('');
  const [completing, setCompleting] = useState<{ id: number; text: string } | null>(null);
  const [composer, setComposer] = useState<string | null>('note');
  const [replyTo, setReplyTo] = useState<MailNoteParams | null>(null);
  const canMail = entityType === 'leads';
  const key = timelineKey(entityType, entityId);
  const chats = useQuery({
    queryKey: conversationsKey(entityType, entityId),
    queryFn: () => fetchConversations(entityType === 'contacts' ? 'contacts' : 'leads', entityId),
    enabled: entityType !== 'companies',
  });
  const conversations = chats.data?.items ?? [];
  const feed = useInfiniteQuery({
    queryKey: [...key, filter],
    queryFn: ({ pageParam }) =>
      fetchTimelinePage(entityType, entityId, pageParam, filter === 'all' ? undefined : filter),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    // A chat's new messages and a mail being sent change state without a change event the live
    // stream would carry: look again while a chat is open or a mail has not left yet.
    refetchInterval: (q) =>
      (q.state.data?.pages ?? []).some((p) =>
        p.items.some((i) => i.kind === 'note' && i.note_type === 'mail_out' && i.params.status === 'queued'),
      )
        ? 3000
        : conversations.length > 0
          ? 5000
          : false,
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: key });
    await queryClient.invalidateQueries({ queryKey: conversationsKey(entityType, entityId) });
    onChanged?.();
  };
  const addNoteMutation = useMutation({
    mutationFn: (text: string) => addNote(entityType, entityId, text),
    onSuccess: async () => {
      setNote('');
      await refresh();
    },
  });
  const pin = useMutation({
    mutationFn: ({ id, pinned }: { id: number; pinned: boolean }) => pinNote(id, pinned),
    onSuccess: refresh,
    onError: (error) =>
      notifications.show({
        color: 'red',
        message: error instanceof ApiError ? (error.detail ?? error.title) : t('card.timeline.pinFailed'),
      }),
  });

  const lookups = {
    t,
    pipelines: pipelines.data ?? [],
    userName,
    money: format.money,
    date: format.date,
    dateTime: format.dateTime,
    fieldName: (id: number) => fields.data?.find((f) => f.id === id)?.name,
  };
  const typeName = (id: number) => taskTypes.data?.find((tt) => tt.id === id)?.name ?? t('tasks.typeUnknown');
  const pinned = feed.data?.pages[0]?.pinned ?? [];
  const items = (feed.data?.pages ?? []).flatMap((p) => p.items);
  // Pinned notes stand at the top; the feed does not repeat them.
  const shown = items.filter((i) => !(i.kind === 'note' && i.is_pinned));
  const entry = (item: TimelineItem, keyPrefix = '') => (
    <TimelineEntry
      key={`${keyPrefix}${item.kind}-${item.id}`}
      item={item}
      lookups={lookups}
      dateTime={format.dateTime}
      taskTypeName={typeName}
      onPin={(id, pinnedNow) => pin.mutate({ id, pinned: pinnedNow })}
      onComplete={setCompleting}
      onReplyMail={
        canMail
          ? (mail) => {
              setReplyTo(mail);
              setComposer('mail');
            }
          : undefined
      }
    />
  );

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="sm">
        <Tabs value={composer} onChange={setComposer}>
          <Tabs.List mb="sm">
            <Tabs.Tab value="note">{t('card.timeline.noteTab')}</Tabs.Tab>
            <Tabs.Tab value="task">{t('card.timeline.taskTab')}</Tabs.Tab>
            {canMail && <Tabs.Tab value="mail">{t('mail.tab')}</Tabs.Tab>}
            {conversations.length > 0 && <Tabs.Tab value="message">{t('messenger.reply.tab')}</Tabs.Tab>}
          </Tabs.List>
          <Tabs.Panel value="note">
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (note.trim()) addNoteMutation.mutate(note.trim());
              }}
            >
              <Stack gap="xs">
                <Textarea
                  aria-label={t('card.timeline.noteLabel')}
                  placeholder={t('card.timeline.notePlaceholder')}
                  value={note}
                  onChange={(e) => setNote(e.currentTarget.value)}
                  autosize
                  minRows={2}
                  maxLength={20_000}
                />
                <ApiErrorAlert error={addNoteMutation.error} title={t('card.timeline.noteFailed')} />
                <Group justify="flex-end">
                  <Button type="submit" loading={addNoteMutation.isPending} disabled={!note.trim()}>
                    {t('card.timeline.addNote')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Tabs.Panel>
          <Tabs.Panel value="task">
            <TaskForm entity={{ type: entityType, id: entityId }} onAdded={refresh} />
          </Tabs.Panel>
          {canMail && (
            <Tabs.Panel value="mail">
              <MailComposer
                dealId={entityId}
                replyTo={replyTo}
                onCancelReply={() => setReplyTo(null)}
                onSent={refresh}
              />
            </Tabs.Panel>
          )}
          {conversations.length > 0 && (
            <Tabs.Panel value="message">
              <ChatReply
                conversations={conversations}
                {...(entityType === 'leads' ? { dealId: entityId } : {})}
                onSent={refresh}
              />
            </Tabs.Panel>
          )}
        </Tabs>
      </Paper>

      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={600}>{t('card.timeline.title')}</Text>
        <SegmentedControl
          size="xs"
          value={filter}
          onChange={(v) => setFilter(FILTERS.find((f) => f === v) ?? 'all')}
          aria-label={t('card.timeline.filter')}
          data={[
            { value: 'all', label: t('card.timeline.filters.all') },
            { value: 'note', label: t('card.timeline.filters.note') },
            { value: 'task', label: t('card.timeline.filters.task') },
            { value: 'event', label: t('card.timeline.filters.event') },
            ...(entityType === 'leads' ? [{ value: 'robot', label: t('card.timeline.filters.robot') }] : []),
            ...(conversations.length > 0 ? [{ value: 'message', label: t('messenger.filter') }] : []),
          ]}
        />
      </Group>

      {feed.isPending ? (
        <Center py="lg">
          <Loader size="sm" aria-label={t('app.loading')} />
        </Center>
      ) : feed.isError ? (
        <ApiErrorAlert
          error={feed.error}
          title={t('card.timeline.loadFailed')}
          onRetry={() => void feed.refetch()}
        />
      ) : (
        <Stack gap="xs" aria-label={t('card.timeline.title')} role="feed" aria-busy={feed.isFetching}>
          {pinned.map((item) => entry(item, 'pinned-'))}
          {shown.length === 0 && pinned.length === 0 ? (
            <Text c="dimmed" fz="sm" ta="center" py="md">
              {t('card.timeline.empty')}
            </Text>
          ) : (
            shown.map((item) => entry(item))
          )}
          {feed.hasNextPage && (
            <Button
              variant="subtle"
              onClick={() => void feed.fetchNextPage()}
              loading={feed.isFetchingNextPage}
            >
              {t('card.timeline.more')}
            </Button>
          )}
        </Stack>
      )}
      <CompleteTaskModal task={completing} onClose={() => setCompleting(null)} onCompleted={refresh} />
    </Stack>
  );
}
