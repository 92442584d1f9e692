import { Checkbox, Group, MultiSelect, Radio, Select, Textarea, TextInput } from '@mantine/core';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomField, StoredValue, ValueInput } from './api';
import { MultitextEditor } from './MultitextEditor';
import { useFieldSave } from './useFieldSave';
import {
  asInput,
  dayInput,
  dayOf,
  localDateTimeOf,
  parseNumber,
  sameValues,
  secondsOfLocal,
  textOf,
} from './values';

export type FieldEditorProps = {
  field: CustomField;
  values: StoredValue[];
  onSave: (values: ValueInput[] | null) => Promise<unknown>;
  /** The id of the visible label, so every control is named by the field. */
  labelId: string;
  inputId: string;
  disabled?: boolean;
};

const blurOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
  if (event.key === 'Enter') event.currentTarget.blur();
};

/** Text-like types: saved when the input loses focus (Enter too), Escape puts the stored value back. */
function TextLikeEditor({ field, values, onSave, labelId, inputId, disabled }: FieldEditorProps) {
  const { t } = useTranslation();
  const stored = textOf(values);
  const [draft, setDraft] = useState(stored);
  const { save, saving, error, setError } = useFieldSave(onSave);
  const numeric = field.type === 'numeric' || field.type === 'monetary';

  const commit = async () => {
    const text = draft.trim();
    let next: ValueInput[] | null = text ? [{ value: text }] : null;
    if (numeric && text) {
      const num = parseNumber(text);
      if (num === null) {
        setError(t('fields.notANumber'));
        return;
      }
      next = [{ value: num }];
    }
    if (sameValues(next, asInput(values))) return;
    await save(next);
  };

  const common = {
    id: inputId,
    'aria-labelledby': labelId,
    value: draft,
    disabled: disabled || saving,
    error,
    variant: 'filled' as const,
    size: 'sm' as const,
    onBlur: () => void commit(),
  };
  if (field.type === 'textarea' || field.type === 'streetaddress')
    return (
      <Textarea
        {...common}
        autosize
        minRows={1}
        maxRows={8}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setDraft(stored);
        }}
      />
    );
  return (
    <TextInput
      {...common}
      type={field.type === 'url' ? 'url' : 'text'}
      inputMode={numeric ? 'decimal' : undefined}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setDraft(stored);
        blurOnEnter(e);
      }}
    />
  );
}

function DateEditor({ field, values, onSave, labelId, inputId, disabled }: FieldEditorProps) {
  const withTime = field.type === 'date_time';
  const first = values[0]?.value;
  const stored = typeof first === 'number' ? (withTime ? localDateTimeOf(first) : dayOf(first)) : '';
  const [draft, setDraft] = useState(stored);
  const { save, saving, error } = useFieldSave(onSave);
  const commit = async (text: string) => {
    if (text === stored) return;
    if (!withTime) return void (await save(dayInput(text)));
    const seconds = secondsOfLocal(text);
    await save(seconds === null ? null : [{ value: seconds }]);
  };
  return (
    <TextInput
      id={inputId}
      aria-labelledby={labelId}
      type={withTime ? 'datetime-local' : 'date'}
      value={draft}
      variant="filled"
      size="sm"
      disabled={disabled || saving}
      error={error}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={() => void commit(draft)}
      onKeyDown={blurOnEnter}
    />
  );
}

function ChoiceEditor({ field, values, onSave, labelId, inputId, disabled }: FieldEditorProps) {
  const { t } = useTranslation();
  const { save, saving, error } = useFieldSave(onSave);
  const options = (field.enums ?? []).map((e) => ({ value: String(e.id), label: e.value }));
  const storedIds = values.flatMap((v) => (v.enum_id === undefined ? [] : [String(v.enum_id)]));
  const [picked, setPicked] = useState<string[]>(storedIds);
  const write = async (ids: string[]) => {
    const previous = picked;
    setPicked(ids);
    const ok = await save(ids.length === 0 ? null : ids.map((id) => ({ enum_id: Number(id) })));
    if (!ok) setPicked(previous);
  };
  if (field.type === 'multiselect')
    return (
      <MultiSelectEditor
        inputId={inputId}
        labelId={labelId}
        options={options}
        picked={picked}
        setPicked={setPicked}
        disabled={disabled || saving}
        error={error}
        write={write}
        placeholder={t('fields.choose')}
      />
    );
  if (field.type === 'radiobutton')
    return (
      <Radio.Group
        id={inputId}
        aria-labelledby={labelId}
        value={picked[0] ?? null}
        error={error}
        onChange={(id) => void write([id])}
      >
        <Group gap="sm" mt={4}>
          {options.map((o) => (
            <Radio key={o.value} value={o.value} label={o.label} disabled={disabled || saving} />
          ))}
        </Group>
      </Radio.Group>
    );
  return (
    <Select
      id={inputId}
      aria-labelledby={labelId}
      data={options}
      value={picked[0] ?? null}
      variant="filled"
      size="sm"
      clearable
      searchable
      placeholder={t('fields.choose')}
      disabled={disabled || saving}
      error={error}
      onChange={(id) => void write(id ? [id] : [])}
    />
  );
}

/**
 * Several options: picked while the list is open and saved once it closes (Escape, click away), so
 * the list does not close after every pick; removing a pill saves at once.
 */
function MultiSelectEditor(props: {
  inputId: string;
  labelId: string;
  options: Array<{ value: string; label: string }>;
  picked: string[];
  setPicked: (ids: string[]) => void;
  disabled: boolean;
  error: string | null;
  placeholder: string;
  write: (ids: string[]) => Promise<void>;
}) {
  const open = useRef(false);
  const latest = useRef(props.picked);
  const saved = useRef(props.picked);
  const flush = (ids: string[]) => {
    if (JSON.stringify(ids) === JSON.stringify(saved.current)) return;
    saved.current = ids;
    void props.write(ids);
  };
  return (
    <MultiSelect
      id={props.inputId}
      aria-labelledby={props.labelId}
      data={props.options}
      value={props.picked}
      variant="filled"
      size="sm"
      clearable
      searchable
      placeholder={props.picked.length === 0 ? props.placeholder : undefined}
      disabled={props.disabled}
      error={props.error}
      onDropdownOpen={() => {
        open.current = true;
      }}
      onDropdownClose={() => {
        open.current = false;
        flush(latest.current);
      }}
      onChange={(ids) => {
        latest.current = ids;
        props.setPicked(ids);
        if (!open.current) flush(ids);
      }}
    />
  );
}

function CheckboxEditor({ values, onSave, labelId, inputId, disabled }: FieldEditorProps) {
  const { save, saving, error } = useFieldSave(onSave);
  const [checked, setChecked] = useState(values[0]?.value === true);
  return (
    <Checkbox
      id={inputId}
      aria-labelledby={labelId}
      checked={checked}
      disabled={disabled || saving}
      error={error}
      mt={6}
      onChange={(e) => {
        const next = e.currentTarget.checked;
        setChecked(next);
        void save([{ value: next }]).then((ok) => {
          if (!ok) setChecked(!next);
        });
      }}
    />
  );
}

/** The inline editor of one custom field, by its type. */
export function FieldEditor(props: FieldEditorProps) {
  switch (props.field.type) {
    case 'select':
    case 'multiselect':
    case 'radiobutton':
      return <ChoiceEditor {...props} />;
    case 'checkbox':
      return <CheckboxEditor {...props} />;
    case 'date':
    case 'date_time':
    case 'birthday':
      return <DateEditor {...props} />;
    case 'multitext':
      return <MultitextEditor {...props} />;
    default:
      return <TextLikeEditor {...props} />;
  }
}
