import { ActionIcon, Anchor, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconPlus } from '../../ui/icons';
import { IconX } from '../../ui/record-icons';
import type { FieldEditorProps } from './FieldEditor';
import { useFieldSave } from './useFieldSave';
import { asInput, sameValues } from './values';

type Row = { key: number; text: string; enumId: string | null };

let nextKey = 1;

/** Phones, e-mails and other multi-value text fields: one row per value with its kind (work, mobile, ...). */
export function MultitextEditor({ field, values, onSave, labelId, inputId, disabled }: FieldEditorProps) {
  const { t } = useTranslation();
  const { save, saving, error } = useFieldSave(onSave);
  const kinds = (field.enums ?? []).map((e) => ({
    value: String(e.id),
    label: e.code ? t(`fields.kinds.${e.code}`, { defaultValue: e.value }) : e.value,
  }));
  const defaultKind = kinds[0]?.value ?? null;
  const [rows, setRows] = useState<Row[]>(() =>
    values.length === 0
      ? [{ key: nextKey++, text: '', enumId: defaultKind }]
      : values.map((v) => ({
          key: nextKey++,
          text: String(v.value),
          enumId: v.enum_id === undefined ? defaultKind : String(v.enum_id),
        })),
  );
  const isPhone = field.code === 'PHONE';
  const isEmail = field.code === 'EMAIL';

  const commit = async (next: Row[]) => {
    const input = next
      .filter((r) => r.text.trim() !== '')
      .map((r) => ({ value: r.text.trim(), ...(r.enumId ? { enum_id: Number(r.enumId) } : {}) }));
    if (sameValues(input.length ? input : null, asInput(values))) return;
    await save(input.length ? input : null);
  };
  const update = (key: number, patch: Partial<Row>) =>
    setRows((current) => current.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <Stack gap={4}>
      {rows.map((row, index) => (
        <Group key={row.key} gap={4} wrap="nowrap" align="flex-start">
          {kinds.length > 0 && (
            <Select
              aria-label={t('fields.kind')}
              data={kinds}
              value={row.enumId}
              allowDeselect={false}
              variant="filled"
              size="sm"
              w={104}
              disabled={disabled || saving}
              onChange={(enumId) => {
                const next = rows.map((r) => (r.key === row.key ? { ...r, enumId } : r));
                setRows(next);
                void commit(next);
              }}
            />
          )}
          <TextInput
            id={index === 0 ? inputId : undefined}
            aria-labelledby={labelId}
            type={isEmail ? 'email' : isPhone ? 'tel' : 'text'}
            value={row.text}
            variant="filled"
            size="sm"
            style={{ flex: 1, minWidth: 0 }}
            disabled={disabled || saving}
            onChange={(e) => update(row.key, { text: e.currentTarget.value })}
            onBlur={() => void commit(rows)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.currentTarget.blur();
            }}
          />
          {row.text.trim() !== '' && (isPhone || isEmail) && (
            <Anchor
              href={`${isPhone ? 'tel' : 'mailto'}:${row.text.trim()}`}
              fz="xs"
              mt={8}
              aria-label={
                isPhone ? t('fields.call', { value: row.text }) : t('fields.write', { value: row.text })
              }
            >
              {isPhone ? t('fields.callShort') : t('fields.writeShort')}
            </Anchor>
          )}
          <ActionIcon
            variant="subtle"
            color="gray"
            mt={4}
            aria-label={t('fields.removeValue')}
            disabled={disabled || saving || (rows.length === 1 && row.text === '')}
            onClick={() => {
              const rest = rows.filter((r) => r.key !== row.key);
              const next = rest.length ? rest : [{ key: nextKey++, text: '', enumId: defaultKind }];
              setRows(next);
              void commit(next);
            }}
          >
            <IconX size={16} />
          </ActionIcon>
        </Group>
      ))}
      {error && (
        <Text c="red" fz="xs" role="alert">
          {error}
        </Text>
      )}
      <Button
        variant="subtle"
        size="compact-xs"
        w="fit-content"
        leftSection={<IconPlus size={14} />}
        disabled={disabled || saving}
        onClick={() => setRows((current) => [...current, { key: nextKey++, text: '', enumId: defaultKind }])}
      >
        {t('fields.addValue')}
      </Button>
    </Stack>
  );
}
