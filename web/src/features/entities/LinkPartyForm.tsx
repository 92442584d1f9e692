import { Button, Group, Loader, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { IconSearch } from '../../ui/record-icons';
import { fetchParties, type PartyType } from './api';

type Props = {
  type: PartyType;
  /** Already linked: left out of the results. */
  excludeIds: number[];
  busy?: boolean;
  error?: unknown;
  onPick: (id: number) => void;
  onCreate: (input: { name: string; phone: string }) => void;
  onCancel: () => void;
};

/** Find a contact / company to link (by name, phone or e-mail in any format) or create a new one. */
export function LinkPartyForm({ type, excludeIds, busy, error, onPick, onCreate, onCancel }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [phone, setPhone] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 250);
  const results = useQuery({
    queryKey: ['v4', type, 'search', debounced],
    queryFn: () => fetchParties(type, { query: debounced, limit: 10 }),
    enabled: debounced.length >= 2,
  });
  const found = (results.data?.items ?? []).filter((p) => !excludeIds.includes(p.id));
  const ns = type === 'contacts' ? 'contacts' : 'companies';

  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="xs">
        <TextInput
          label={t(`${ns}.linkSearch`)}
          placeholder={t(`${ns}.linkSearchPlaceholder`)}
          leftSection={<IconSearch size={16} />}
          rightSection={results.isFetching ? <Loader size={14} /> : null}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          data-autofocus
          autoFocus
        />
        {debounced.length >= 2 && !results.isPending && (
          <Stack gap={2} role="listbox" aria-label={t(`${ns}.searchResults`)}>
            {found.length === 0 ? (
              <Text fz="sm" c="dimmed">
                {t(`${ns}.nothingFound`)}
              </Text>
            ) : (
              found.map((p) => (
                <UnstyledButton
                  key={p.id}
                  role="option"
                  aria-selected={false}
                  onClick={() => onPick(p.id)}
                  disabled={busy}
                  p={6}
                  style={{ borderRadius: 6 }}
                >
                  <Text fz="sm" fw={500}>
                    {p.name || t(`${ns}.unnamed`)}
                  </Text>
                  <Text fz="xs" c="dimmed">
                    {(p.custom_fields_values ?? [])
                      .flatMap((f) => f.values.map((v) => String(v.value)))
                      .slice(0, 3)
                      .join(' · ')}
                  </Text>
                </UnstyledButton>
              ))
            )}
          </Stack>
        )}
        {text.trim().length > 0 && (
          <Stack gap={6}>
            {type === 'contacts' && (
              <TextInput
                label={t('contacts.newPhone')}
                type="tel"
                value={phone}
                onChange={(e) => setPhone(e.currentTarget.value)}
              />
            )}
            <Button
              variant="light"
              loading={busy}
              onClick={() => onCreate({ name: text.trim(), phone: phone.trim() })}
            >
              {t(`${ns}.createNamed`, { name: text.trim() })}
            </Button>
          </Stack>
        )}
        <ApiErrorAlert error={error} title={t(`${ns}.linkFailed`)} />
        <Group justify="flex-end">
          <Button variant="subtle" color="gray" size="compact-sm" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
