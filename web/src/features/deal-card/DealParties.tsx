import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconPlus } from '../../ui/icons';
import { createParty, type PartyType } from '../entities/api';
import { LinkPartyForm } from '../entities/LinkPartyForm';
import { useFields } from '../fields/useFields';
import { linkToDeal, unlinkFromDeal, type Deal } from './api';
import { PartyBlock } from './PartyBlock';

type Props = { deal: Deal; disabled?: boolean; onChanged: () => Promise<unknown> };

/** One section (contacts or company) of a deal card: the linked records and "add". */
function Section({ type, deal, disabled, onChanged }: Props & { type: PartyType }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const fields = useFields(type);
  const phoneField = fields.data?.find((f) => f.code === 'PHONE');
  const linked =
    type === 'contacts'
      ? (deal._embedded.contacts ?? []).map((c) => ({ id: c.id, isMain: c.is_main }))
      : deal._embedded.companies.map((c) => ({ id: c.id, isMain: false }));
  const ns = type === 'contacts' ? 'contacts' : 'companies';

  const link = useMutation({
    mutationFn: async (target: { id: number } | { name: string; phone: string }) => {
      const id =
        'id' in target
          ? target.id
          : await createParty(type, {
              name: target.name,
              ...(target.phone && phoneField
                ? { custom_fields_values: [{ field_id: phoneField.id, values: [{ value: target.phone }] }] }
                : {}),
            });
      await linkToDeal(deal.id, { to_entity_id: id, to_entity_type: type });
    },
    onSuccess: async () => {
      setAdding(false);
      await onChanged();
    },
  });
  const unlink = useMutation({
    mutationFn: (id: number) => unlinkFromDeal(deal.id, { to_entity_id: id, to_entity_type: type }),
    onSuccess: onChanged,
  });
  // A deal has one company: linking another replaces it, so "add" hides once there is one.
  const canAdd = type === 'contacts' || linked.length === 0;

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
            disabled={disabled}
            onClick={() => {
              link.reset();
              setAdding(true);
            }}
          >
            {t(`${ns}.add`)}
          </Button>
        )}
      </Group>
      {linked.length === 0 && !adding && (
        <Text fz="sm" c="dimmed">
          {t(`${ns}.noneLinked`)}
        </Text>
      )}
      {linked.map((p) => (
        <PartyBlock
          key={p.id}
          type={type}
          id={p.id}
          isMain={p.isMain}
          disabled={disabled || unlink.isPending}
          onUnlink={() => unlink.mutate(p.id)}
        />
      ))}
      {adding && (
        <LinkPartyForm
          type={type}
          excludeIds={linked.map((p) => p.id)}
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

/** The deal's contacts and its company. */
export function DealParties(props: Props) {
  return (
    <Stack gap="lg">
      <Section type="contacts" {...props} />
      <Section type="companies" {...props} />
    </Stack>
  );
}
