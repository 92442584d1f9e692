import { Button, Group, NumberInput, Paper, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { quickAddDeal } from './board-api';

type Props = { pipelineId: number; stageId: number; onDone: (createdId: number | null) => void };

/** Quick add at the top of a column: a name, a budget, a contact with a phone. */
export function QuickAddForm({ pipelineId, stageId, onDone }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [price, setPrice] = useState<number | string>('');
  const [contactName, setContactName] = useState('');
  const [phone, setPhone] = useState('');
  const create = useMutation({
    mutationFn: () =>
      quickAddDeal({
        name: name.trim(),
        price: typeof price === 'number' ? Math.round(price) : null,
        contactName: contactName.trim(),
        phone: phone.trim(),
        stageId,
        pipelineId,
      }),
    onSuccess: (id) => onDone(id),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Paper
      withBorder
      p="xs"
      radius="md"
      component="form"
      onSubmit={submit}
      aria-label={t('board.quickAdd.title')}
    >
      <Stack gap={6}>
        <TextInput
          size="xs"
          label={t('board.quickAdd.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maxLength={255}
          data-autofocus
          autoFocus
        />
        <NumberInput
          size="xs"
          label={t('board.quickAdd.price')}
          value={price}
          onChange={setPrice}
          min={0}
          max={999_999_999_999}
          allowDecimal={false}
          thousandSeparator=" "
        />
        <TextInput
          size="xs"
          label={t('board.quickAdd.contact')}
          value={contactName}
          onChange={(e) => setContactName(e.currentTarget.value)}
          maxLength={255}
        />
        <TextInput
          size="xs"
          type="tel"
          label={t('board.quickAdd.phone')}
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
          maxLength={50}
        />
        {create.isError && <ApiErrorAlert error={create.error} title={t('board.quickAdd.failed')} />}
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" onClick={() => onDone(null)}>
            {t('common.cancel')}
          </Button>
          <Button size="xs" type="submit" loading={create.isPending}>
            {t('board.quickAdd.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
