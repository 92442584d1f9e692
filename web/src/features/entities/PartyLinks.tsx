import { ActionIcon, Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiRequest, noContent } from '../../app/api';
import { IconPlus } from '../../ui/icons';
import { IconUnlink } from '../../ui/record-icons';
import { createParty, fetchParties, type Party, type PartyType } from './api';
import { LinkPartyForm } from './LinkPartyForm';

type Props = { party: Party; type: PartyType; onChanged: () => Promise<unknown> };

/**
 * On a contact card: its company (one). On a company card: its contacts. Link an existing one
 * (search) or create it, unlink, open its card.
 */
export function PartyLinks({ party, type, onChanged }: Props) {
  const { t } = useTranslation();
  const other: PartyType = type === 'contacts' ? 'companies' : 'contacts';
  const ns = other === 'contacts' ? 'contacts' : 'companies';
  const ids =
    (other === 'companies' ? party._embedded?.companies : party._embedded?.contacts)?.map((r) => r.id) ?? [];
  const [adding, setAdding] = useState(false);
  const linked = useQuery({
    queryKey: ['v4', other, 'by-ids', ids],
    queryFn: () => fetchParties(other, { ids, limit: 250 }),
    enabled: ids.length > 0,
  });
  const path = `/api/v4/${type}/${party.id}`;
  const link = useMutation({
    mutationFn: async (target: { id: number } | { name: string; phone: string }) => {
      const id = 'id' in target ? target.id : await createParty(other, { name: target.name });
      await apiRequest('POST', `${path}/link`, noContent, [{ to_entity_id: id, to_entity_type: other }]);
    },
    onSuccess: async () => {
      setAdding(false);
      await onChanged();
    },
  });
  const unlink = useMutation({
    mutationFn: (id: number) =>
      apiRequest('POST', `${path}/unlink`, noContent, [{ to_entity_id: id, to_entity_type: other }]),
    onSuccess: onChanged,
  });
  const canAdd = other === 'contacts' || ids.length === 0;

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={600} fz="sm" tt="uppercase" c="dimmed">
          {t(`${ns}.sectionTitle`)}
        </Text>
        {canAdd && !adding && (
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() => setAdding(true)}
          >
            {t(`${ns}.add`)}
          </Button>
        )}
      </Group>
      {ids.length === 0 && !adding && (
        <Text fz="sm" c="dimmed">
          {t(`${ns}.noneLinked`)}
        </Text>
      )}
      {(linked.data?.items ?? []).map((p) => (
        <Paper key={p.id} withBorder p="xs" radius="md">
          <Group justify="space-between" wrap="nowrap">
            <Anchor component={Link} to={`/${other}/${p.id}`} fz="sm" fw={500}>
              {p.name || t(`${ns}.unnamed`)}
            </Anchor>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t(`${ns}.unlinkNamed`, { name: p.name })}
              onClick={() => unlink.mutate(p.id)}
            >
              <IconUnlink size={16} />
            </ActionIcon>
          </Group>
        </Paper>
      ))}
      {adding && (
        <LinkPartyForm
          type={other}
          excludeIds={ids}
          busy={link.isPending}
          error={link.error ?? unlink.error}
          onPick={(id) => link.mutate({ id })}
          onCreate={(input) => link.mutate(input)}
          onCancel={() => setAdding(false)}
        />
      )}
    </Stack>
  );
}
