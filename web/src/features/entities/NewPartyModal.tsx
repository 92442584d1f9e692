import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { useFields } from '../fields/useFields';
import { createParty, type PartyType } from './api';

type Props = { type: PartyType; opened: boolean; onClose: () => void };

/** A new contact or company: name, phone and e-mail; then its card opens. */
export function NewPartyModal({ type, opened, onClose }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const fields = useFields(type);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const ns = type === 'contacts' ? 'contacts' : 'companies';
  const create = useMutation({
    mutationFn: () => {
      const byCode = (code: string) => fields.data?.find((f) => f.code === code)?.id;
      const values = [
        { id: byCode('PHONE'), value: phone.trim() },
        { id: byCode('EMAIL'), value: email.trim() },
      ].flatMap((v) => (v.id && v.value ? [{ field_id: v.id, values: [{ value: v.value }] }] : []));
      return createParty(type, {
        name: name.trim(),
        ...(values.length ? { custom_fields_values: values } : {}),
      });
    },
    onSuccess: async (id) => {
      await queryClient.invalidateQueries({ queryKey: ['v4', type] });
      setName('');
      setPhone('');
      setEmail('');
      onClose();
      void navigate(`/${type}/${id}`);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t(`${ns}.newTitle`)} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t(`${ns}.name`)}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            maxLength={255}
            data-autofocus
          />
          <TextInput
            label={t(`${ns}.phone`)}
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
          />
          <TextInput
            label={t(`${ns}.email`)}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <ApiErrorAlert error={create.error} title={t(`${ns}.createFailed`)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
              {t(`${ns}.create`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
