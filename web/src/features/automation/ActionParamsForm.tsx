import { NumberInput, Select, Switch, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { FieldInfo, UserInfo } from './automation-api';
import { paramWidget } from './ParamWidgets';

/** The part of JSON Schema the action schemas use. */
const propSchema = z.looseObject({
  type: z.union([z.string(), z.array(z.string())]).optional(),
  enum: z.array(z.unknown()).optional(),
  default: z.unknown().optional(),
  description: z.string().optional(),
});
type Prop = z.infer<typeof propSchema>;
const objectSchema = z.looseObject({
  properties: z.record(z.string(), z.unknown()).default({}),
  required: z.array(z.string()).default([]),
});

/** Text that is better edited on several lines. */
const LONG = new Set(['body', 'text', 'intro', 'result_text', 'formula']);

export type ParamsValue = Record<string, unknown>;

/** Fills the schema's defaults for a newly chosen action. */
export function defaultParams(schema: Record<string, unknown>): ParamsValue {
  const parsed = objectSchema.safeParse(schema);
  if (!parsed.success) return {};
  const out: ParamsValue = {};
  for (const [key, raw] of Object.entries(parsed.data.properties)) {
    const prop = propSchema.safeParse(raw);
    if (prop.success && prop.data.default !== undefined) out[key] = prop.data.default;
  }
  return out;
}

const typeOf = (p: Prop) => (Array.isArray(p.type) ? p.type.find((x) => x !== 'null') : p.type);

/**
 * The action's form, generated from its parameter schema (GET /api/app/automation/actions): text,
 * numbers, switches and choices get their own inputs; stages, fields, users, task types, the
 * responsible, durations, tags and questionnaire questions get pickers (ParamWidgets); anything
 * else nested is edited as JSON.
 */
export function ActionParamsForm({
  actionType,
  schema,
  value,
  onChange,
  errors,
  fields,
  users,
}: {
  actionType: string;
  schema: Record<string, unknown>;
  value: ParamsValue;
  onChange: (next: ParamsValue) => void;
  errors: Record<string, string>;
  fields: FieldInfo[];
  users: UserInfo[];
}) {
  const { t, i18n } = useTranslation();
  const parsed = objectSchema.safeParse(schema);
  if (!parsed.success) return null;
  const label = (key: string) => {
    const specific = `automation.params.${actionType}.${key}`;
    return i18n.exists(specific)
      ? t(specific as never)
      : i18n.exists(`automation.params.${key}`)
        ? t(`automation.params.${key}` as never)
        : key;
  };
  const set = (key: string, v: unknown) => {
    const next = { ...value };
    if (v === undefined || v === '') delete next[key];
    else next[key] = v;
    onChange(next);
  };
  return (
    <Stack gap="sm">
      {Object.entries(parsed.data.properties).map(([key, raw]) => {
        const prop = propSchema.safeParse(raw);
        if (!prop.success) return null;
        const p = prop.data;
        const type = typeOf(p);
        const required = parsed.data.required.includes(key) && p.default === undefined;
        const error = errors[key];
        const common = { label: label(key), required, error, 'data-param': key };
        const current = value[key];
        const widget = paramWidget(
          actionType,
          key,
          { label: label(key), required, error, fields, users, value: current, onChange: (v) => set(key, v) },
          t('automation.widgets.budget'),
        );
        if (widget) return widget;
        if (p.enum) {
          return (
            <Select
              key={key}
              {...common}
              data={p.enum.map(String).map((v) => ({
                value: v,
                label: i18n.exists(`automation.enum.${v}`) ? t(`automation.enum.${v}` as never) : v,
              }))}
              value={current === undefined ? null : String(current)}
              onChange={(v) => set(key, v ?? undefined)}
              allowDeselect={false}
            />
          );
        }
        if (type === 'string') {
          const text = typeof current === 'string' ? current : '';
          return LONG.has(key) ? (
            <Textarea
              key={key}
              {...common}
              autosize
              minRows={3}
              value={text}
              onChange={(e) => set(key, e.currentTarget.value)}
            />
          ) : (
            <TextInput key={key} {...common} value={text} onChange={(e) => set(key, e.currentTarget.value)} />
          );
        }
        if (type === 'integer' || type === 'number') {
          return (
            <NumberInput
              key={key}
              {...common}
              value={typeof current === 'number' ? current : ''}
              onChange={(v) => set(key, typeof v === 'number' ? v : undefined)}
            />
          );
        }
        if (type === 'boolean') {
          return (
            <Switch
              key={key}
              data-param={key}
              label={label(key)}
              checked={current === true}
              onChange={(e) => set(key, e.currentTarget.checked)}
            />
          );
        }
        return <JsonField key={key} {...common} value={current} onChange={(v) => set(key, v)} />;
      })}
    </Stack>
  );
}

function JsonField(props: {
  label: string;
  required: boolean;
  error: string | undefined;
  value: unknown;
  onChange: (v: unknown) => void;
}) {
  const { t } = useTranslation();
  const text = props.value === undefined ? '' : JSON.stringify(props.value, null, 1);
  return (
    <Textarea
      label={props.label}
      required={props.required}
      description={t('automation.editor.jsonHint')}
      autosize
      minRows={2}
      defaultValue={text}
      error={props.error}
      styles={{ input: { fontFamily: 'monospace' } }}
      onBlur={(e) => {
        const raw = e.currentTarget.value.trim();
        if (raw === '') return props.onChange(undefined);
        try {
          props.onChange(JSON.parse(raw));
        } catch {
          /* left as typed; the server explains what is wrong on save */
        }
      }}
    />
  );
}
