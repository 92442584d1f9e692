import { ActionIcon, Anchor, Badge, Group, Paper, Skeleton, Stack, TextInput, Tooltip } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { IconUnlink } from '../../ui/record-icons';
import { fetchParty, partyKey, patchParty, type PartyType } from '../entities/api';
import { FieldsPanel } from '../fields/FieldsPanel';

type Props = {
  type: PartyType;
  id: number;
  isMain?: boolean;
  disabled?: boolean;
  onUnlink: () => void;
};

/** The codes of the fields a deal card shows for its contacts and company. */
const CARD_CODES = new Set(['PHONE', 'EMAIL', 'POSITION', 'WEB']);

/** A contact or the company of a deal: name and main fields edited in place, a link to its card. */
export function PartyBlock({ type, id, isMain, disabled, onUnlink }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const party = useQuery({ queryKey: partyKey(type, id), queryFn: () => fetchParty(type, id) });
  const [name, setName] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const ns = type === 'contacts' ? 'contacts' : 'companies';
  const path = `/${type}/${id}`;

  if (party.isPending) return <Skeleton h={80} radius="md" />;
  if (party.isError)
    return (
      <ApiErrorAlert error={party.error} title={t(`${ns}.loadFailed`)} onRetry={() => void party.refetch()} />
    );

  const refresh = () => queryClient.invalidateQueries({ queryKey: partyKey(type, id) });
  const saveName = async () => {
    if (name === null || name.trim() === party.data.name) return setName(null);
    try {
      await patchParty(type, id, { name: name.trim() });
      setNameError(null);
      await refresh();
      setName(null);
    } catch (error) {
      setNameError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <Paper withBorder p="sm" radius="md" aria-label={party.data.name} role="region">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <TextInput
            aria-label={t(`${ns}.name`)}
            value={name ?? party.data.name}
            placeholder={t(`${ns}.unnamed`)}
            variant="unstyled"
            fw={600}
            style={{ flex: 1 }}
            disabled={disabled}
            error={nameError}
            onChange={(e) => setName(e.currentTarget.value)}
            onBlur={() => void saveName()}
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.currentTarget.blur();
              if (e.key === 'Escape') setName(null);
            }}
          />
          {isMain && (
            <Badge size="xs" variant="light">
              {t('contacts.main')}
            </Badge>
          )}
          <Anchor component={Link} to={path} fz="xs">
            {t(`${ns}.open`)}
          </Anchor>
          <Tooltip label={t(`${ns}.unlink`)}>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t(`${ns}.unlinkNamed`, { name: party.data.name })}
              disabled={disabled}
              onClick={onUnlink}
            >
              <IconUnlink size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
        <FieldsPanel
          entityType={type}
          values={party.data.custom_fields_values}
          flat
          stacked
          disabled={disabled}
          filter={(f) => f.code !== undefined && CARD_CODES.has(f.code)}
          onSave={async (fieldId, values) => {
            await patchParty(type, id, { custom_fields_values: [{ field_id: fieldId, values }] });
            await refresh();
          }}
        />
      </Stack>
    </Paper>
  );
}
