import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Menu,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { IconTrash, IconRestore } from '../../ui/record-icons';
import { IconAdjustments } from '../../ui/icons';
import { useRecordFormat } from '../../ui/useRecordFormat';
import { parseNumber } from '../fields/values';
import { isLost, isWon, type Pipeline } from '../records/api';
import { useTags, useUsers } from '../records/hooks';
import type { Deal, DealPatch } from './api';
import { InlineText } from './InlineText';
import { notifyError } from './notify-error';
import { StageProgress } from './StageProgress';

type Props = {
  deal: Deal;
  pipeline: Pipeline | undefined;
  busy: boolean;
  save: (patch: DealPatch) => Promise<unknown>;
  onMoveStage: (statusId: number) => void;
  onMovePipeline: () => void;
  onDelete: () => void;
  onRestore: () => void;
};

/** The top of a deal card: name, stage bar, budget, responsible, tags and the card's actions. */
export function DealHeader({
  deal,
  pipeline,
  busy,
  save,
  onMoveStage,
  onMovePipeline,
  onDelete,
  onRestore,
}: Props) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const users = useUsers();
  const tags = useTags('leads');
  const [tagError, setTagError] = useState<string | null>(null);
  const status = pipeline?._embedded.statuses.find((s) => s.id === deal.status_id);
  const disabled = deal.is_deleted;

  return (
    <Stack gap="sm">
      {deal.is_deleted && (
        <Alert color="red" variant="light" title={t('card.deletedTitle')}>
          <Group justify="space-between">
            <Text fz="sm">{t('card.deletedText')}</Text>
            <Button
              size="xs"
              color="red"
              variant="light"
              leftSection={<IconRestore size={14} />}
              onClick={onRestore}
              loading={busy}
            >
              {t('card.restore')}
            </Button>
          </Group>
        </Alert>
      )}
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <InlineText
          aria-label={t('card.name')}
          value={deal.name}
          variant="unstyled"
          size="xl"
          fw={650}
          style={{ flex: 1, minWidth: 0 }}
          disabled={disabled}
          onSave={(name) => save({ name })}
          parse={(text) =>
            text.trim() ? { ok: true, value: text.trim() } : { ok: false, message: t('card.nameRequired') }
          }
        />
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="default" size="lg" aria-label={t('card.actions')}>
              <IconAdjustments size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item disabled={disabled} onClick={onMovePipeline}>
              {t('card.movePipeline')}
            </Menu.Item>
            <Menu.Item
              color="red"
              leftSection={<IconTrash size={14} />}
              disabled={disabled}
              onClick={onDelete}
            >
              {t('card.delete')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
      <Group gap="xs" wrap="wrap">
        <Text fz="sm" c="dimmed">
          {pipeline?.name} · #{deal.id}
        </Text>
        {status && (
          <Badge
            color={isWon(deal.status_id) ? 'teal' : isLost(deal.status_id) ? 'red' : 'gray'}
            variant="light"
            styles={{ root: { textTransform: 'none' } }}
          >
            {status.name}
          </Badge>
        )}
        {isLost(deal.status_id) && deal._embedded.loss_reason && (
          <Text fz="sm" c="red">
            {t('card.lossReasonLine', { reason: deal._embedded.loss_reason.name })}
          </Text>
        )}
        {deal.closed_at !== null && (
          <Text fz="sm" c="dimmed">
            {t('card.closedAt', { date: format.dateTime(deal.closed_at) })}
          </Text>
        )}
      </Group>
      {pipeline && (
        <StageProgress
          pipeline={pipeline}
          statusId={deal.status_id}
          disabled={disabled || busy}
          onMove={onMoveStage}
        />
      )}
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <InlineText
          label={t('card.budget', { currency: format.currency })}
          value={String(deal.price)}
          inputMode="numeric"
          variant="filled"
          disabled={disabled}
          description={deal.price > 0 ? format.money(deal.price) : undefined}
          parse={(text) => {
            const n = text.trim() === '' ? 0 : parseNumber(text);
            return n === null || n < 0 || !Number.isInteger(n)
              ? { ok: false, message: t('card.budgetInvalid') }
              : { ok: true, value: String(n) };
          }}
          onSave={(text) => save({ price: Number(text) })}
        />
        <Select
          label={t('card.responsible')}
          data={(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
          value={deal.responsible_user_id ? String(deal.responsible_user_id) : null}
          variant="filled"
          searchable
          allowDeselect={false}
          disabled={disabled}
          onChange={(id) => {
            if (id)
              save({ responsible_user_id: Number(id) }).catch((error: unknown) =>
                notifyError(t('card.saveFailed'), error),
              );
          }}
        />
      </SimpleGrid>
      <TagsInput
        label={t('card.tags')}
        placeholder={t('card.tagsPlaceholder')}
        data={(tags.data ?? []).map((tag) => tag.name)}
        value={deal._embedded.tags.map((tag) => tag.name)}
        variant="filled"
        clearable
        disabled={disabled}
        error={tagError}
        onChange={(names) => {
          setTagError(null);
          save({ _embedded: { tags: names.length ? names.map((name) => ({ name })) : null } }).catch(
            (error: unknown) =>
              setTagError(error instanceof ApiError ? (error.detail ?? error.title) : String(error)),
          );
        }}
      />
    </Stack>
  );
}
