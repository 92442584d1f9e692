import { NumberInput, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../records/hooks';
import type { BuiltinValues } from './builtin-values';
import type { BuiltinField } from './rules-api';

type Props = {
  builtins: readonly BuiltinField[];
  values: BuiltinValues;
  onChange: (next: BuiltinValues) => void;
  /** Focus the first input when no custom field comes before these. */
  autoFocus: boolean;
};

/** Inputs for the deal's built-in attributes a process rule requires (budget, contact phone...). */
export function BuiltinInputs({ builtins, values, onChange, autoFocus }: Props) {
  const { t } = useTranslation();
  const users = useUsers();
  const set = (b: BuiltinField, v: string) => onChange({ ...values, [b]: v });
  return builtins.map((b, i) => {
    const common = {
      key: b,
      label: t(`processRules.builtins.${b}`),
      required: true,
      'data-autofocus': (autoFocus && i === 0) || undefined,
    };
    if (b === 'price')
      return (
        <NumberInput
          {...common}
          min={1}
          allowNegative={false}
          value={values.price ?? ''}
          onChange={(v) => set(b, v === '' ? '' : String(v))}
        />
      );
    if (b === 'responsible')
      return (
        <Select
          {...common}
          data={(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
          value={values.responsible ?? null}
          searchable
          onChange={(v) => set(b, v ?? '')}
        />
      );
    return (
      <TextInput
        {...common}
        type={b === 'contact_phone' ? 'tel' : b === 'contact_email' ? 'email' : 'text'}
        description={
          b === 'contact_phone' || b === 'contact_email'
            ? t('processRules.builtinHint.contactField')
            : undefined
        }
        value={values[b] ?? ''}
        onChange={(e) => set(b, e.currentTarget.value)}
      />
    );
  });
}
