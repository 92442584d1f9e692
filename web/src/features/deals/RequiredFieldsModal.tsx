import {
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { BoardMeta } from '@voronka/common';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { BuiltinInputs } from '../process-rules/BuiltinInputs';
import { saveBuiltins, type BuiltinValues } from '../process-rules/builtin-values';
import type { BuiltinField } from '../process-rules/rules-api';
import { saveDealFields, type FieldValueInput } from './board-api';

type Field = BoardMeta['fields'][number];
type Props = {
  dealId: number;
  dealName: string;
  stageName: string;
  fields: Field[];
  /** Built-in attributes a process rule requires (price, contact phone...). */
  builtins?: readonly BuiltinField[];
  onSaved: () => void;
  onCancel: () => void;
};

type Value = string | string[] | number | boolean | null;

function toInput(field: Field, value: Value): FieldValueInput | null {
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return null;
  if (field.type === 'select' || field.type === 'radiobutton')
    return { field_id: field.id, values: [{ enum_id: Number(value) }] };
  if (field.type === 'multiselect' && Array.isArray(value))
    return { field_id: field.id, values: value.map((v) => ({ enum_id: Number(v) })) };
  if (field.type === 'checkbox')
    return value === true ? { field_id: field.id, values: [{ value: true }] } : null;
  if (field.type === 'date' || field.type === 'date_time' || field.type === 'birthday') {
    const at = new Date(String(value)).getTime();
    return Number.isNaN(at) ? null : { field_id: field.id, values: [{ value: Math.floor(at / 1000) }] };
  }
  if (field.type === 'multitext') {
    const enumId = field.enums[0]?.id;
    return { field_id: field.id, values: [{ value: String(value), ...(enumId ? { enum_id: enumId } : {}) }] };
  }
  return { field_id: field.id, values: [{ value: typeof value === 'number' ? value : String(value) }] };
}

/** Before a deal enters a stage that requires fields, they are filled in here. */
export function RequiredFieldsModal({
  dealId,
  dealName,
  stageName,
  fields,
  builtins = [],
  onSaved,
  onCancel,
}: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<number, Value>>({});
  const [builtinValues, setBuiltinValues] = useState<BuiltinValues>({});
  const set = (id: number, v: Value) => setValues((prev) => ({ ...prev, [id]: v }));
  const inputs = fields.map((f) => toInput(f, values[f.id] ?? null));
  const complete =
    inputs.every((i) => i !== null) && builtins.every((b) => (builtinValues[b] ?? '').trim() !== '');
  const save = useMutation({
    mutationFn: async () => {
      const custom = inputs.flatMap((i) => (i ? [i] : []));
      if (custom.length > 0) await saveDealFields(dealId, custom);
      if (builtins.length > 0) await saveBuiltins(dealId, builtinValues);
    },
    onSuccess: onSaved,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (complete) save.mutate();
  };
  return (
    <Modal opened onClose={onCancel} title={t('board.required.title')} centered>
      <form onSubmit={submit}>
        <Stack>
          <Text fz="sm">{t('board.required.text', { name: dealName, stage: stageName })}</Text>
          {fields.map((f, i) => {
            const common = { label: f.name, required: true, 'data-autofocus': i === 0 || undefined };
            const v = values[f.id] ?? null;
            const options = f.enums.map((e) => ({ value: String(e.id), label: e.value }));
            if (f.type === 'select' || f.type === 'radiobutton')
              return (
                <Select
                  key={f.id}
                  {...common}
                  data={options}
                  value={typeof v === 'string' ? v : null}
                  onChange={(x) => set(f.id, x)}
                />
              );
            if (f.type === 'multiselect')
              return (
                <MultiSelect
                  key={f.id}
                  {...common}
                  data={options}
                  value={Array.isArray(v) ? v : []}
                  onChange={(x) => set(f.id, x)}
                />
              );
            if (f.type === 'checkbox')
              return (
                <Checkbox
                  key={f.id}
                  label={f.name}
                  checked={v === true}
                  onChange={(e) => set(f.id, e.currentTarget.checked)}
                />
              );
            if (f.type === 'numeric' || f.type === 'monetary')
              return (
                <NumberInput
                  key={f.id}
                  {...common}
                  value={typeof v === 'number' ? v : ''}
                  onChange={(x) => set(f.id, typeof x === 'number' ? x : null)}
                />
              );
            const type =
              f.type === 'date' || f.type === 'birthday'
                ? 'date'
                : f.type === 'date_time'
                  ? 'datetime-local'
                  : f.type === 'url'
                    ? 'url'
                    : 'text';
            return (
              <TextInput
                key={f.id}
                {...common}
                type={type}
                value={typeof v === 'string' ? v : ''}
                onChange={(e) => set(f.id, e.currentTarget.value)}
              />
            );
          })}
          <BuiltinInputs
            builtins={builtins}
            values={builtinValues}
            onChange={setBuiltinValues}
            autoFocus={fields.length === 0}
          />
          {save.isError && <ApiErrorAlert error={save.error} title={t('board.required.failed')} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" disabled={!complete} loading={save.isPending}>
              {t('board.required.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
