import { Alert, Anchor, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { checkDuplicates, type DuplicateCheck } from '../duplicates/duplicates-api';
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
  // Duplicate control: the likely duplicates found before saving, until the user saves anyway.
  const [warning, setWarning] = useState<DuplicateCheck | null>(null);
  const check = useMutation({
    mutationFn: () =>
      checkDuplicates(type, {
        name: name.trim(),
        phones: phone.trim() ? [phone.trim()] : [],
        emails: email.trim() ? [email.trim()] : [],
      }),
    onSuccess: (found) => {
      if (found.items.length > 0) setWarning(found);
      else create.mutate();
    },
  });
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
      setWarning(null);
      onClose();
      void navigate(`/${type}/${id}`);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t(`${ns}.newTitle`)} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (warning) create.mutate();
          else check.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t(`${ns}.name`)}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setWarning(null);
            }}
            required
            maxLength={255}
            data-autofocus
          />
          <TextInput
            label={t(`${ns}.phone`)}
            type="tel"
            value={phone}
            onChange={(e) => {
              setPhone(e.currentTarget.value);
              setWarning(null);
            }}
          />
          <TextInput
            label={t(`${ns}.email`)}
            type="email"
            value={email}
            onChange={(e) => {
              setEmail(e.currentTarget.value);
              setWarning(null);
            }}
          />
          {warning && (
            <Alert color="yellow" title={t('duplicates.warning.title')} data-testid="duplicate-warning">
              <Stack gap={4}>
                <Text size="sm">
                  {t('duplicates.warning.text', { names: warning.items.map((d) => d.name).join(', ') })}
                </Text>
                {warning.mode === 'merge' && <Text size="sm">{t('duplicates.warning.mergeText')}</Text>}
                {warning.items.slice(0, 3).map((d) => (
                  <Anchor key={d.id} component={Link} to={`/${type}/${d.id}`} onClick={onClose} size="sm">
                    {t('duplicates.warning.open', { name: d.name || `#${d.id}` })}
                  </Anchor>
                ))}
              </Stack>
            </Alert>
          )}
          <ApiErrorAlert error={create.error ?? check.error} title={t(`${ns}.createFailed`)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || check.isPending} disabled={!name.trim()}>
              {warning ? t('duplicates.warning.saveAnyway') : t(`${ns}.create`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
