import { Box, Loader, Stack, Tabs, Text } from '@mantine/core';
import type { CrmEntityType } from '@voronka/common';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import type { CustomField, EntityFieldValues, StoredValue, ValueInput } from './api';
import { FieldEditor } from './FieldEditor';
import { useFieldGroups, useFields } from './useFields';

type Props = {
  entityType: CrmEntityType;
  values: EntityFieldValues;
  onSave: (fieldId: number, values: ValueInput[] | null) => Promise<unknown>;
  /** Only these fields (e.g. the phone and e-mail of a contact block). */
  filter?: (field: CustomField) => boolean;
  /** Render without group tabs, one list. */
  flat?: boolean;
  /** Labels above the inputs, for narrow blocks (a contact inside the deal card). */
  stacked?: boolean;
  disabled?: boolean;
};

function FieldRow(props: {
  field: CustomField;
  values: StoredValue[];
  onSave: (values: ValueInput[] | null) => Promise<unknown>;
  disabled?: boolean;
  stacked?: boolean;
}) {
  const { t } = useTranslation();
  const base = useId();
  const labelId = `${base}-label`;
  const inputId = `${base}-input`;
  // Remount when the stored value changes (after a save or a refetch), so drafts start from it.
  const version = JSON.stringify(props.values);
  return (
    <Box
      style={{
        display: 'grid',
        gridTemplateColumns: props.stacked ? 'minmax(0, 1fr)' : 'minmax(90px, 38%) minmax(0, 1fr)',
        rowGap: props.stacked ? 0 : undefined,
        gap: 'var(--mantine-spacing-xs)',
        alignItems: 'start',
      }}
    >
      <Text
        id={labelId}
        component="label"
        htmlFor={inputId}
        fz="sm"
        c="dimmed"
        pt={6}
        style={{ wordBreak: 'break-word' }}
      >
        {props.field.name}
      </Text>
      <FieldEditor
        key={version}
        field={props.field}
        values={props.values}
        onSave={props.onSave}
        labelId={labelId}
        inputId={inputId}
        disabled={props.disabled || props.field.is_api_only}
      />
      {props.field.is_api_only && (
        <Text fz="xs" c="dimmed" style={{ gridColumn: props.stacked ? 1 : 2 }}>
          {t('fields.apiOnly')}
        </Text>
      )}
    </Box>
  );
}

/** A record's custom fields by group, each editable in place and saved on its own. */
export function FieldsPanel({ entityType, values, onSave, filter, flat, stacked, disabled }: Props) {
  const { t } = useTranslation();
  const fields = useFields(entityType);
  const groups = useFieldGroups(entityType);
  if (fields.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (fields.isError)
    return (
      <ApiErrorAlert
        error={fields.error}
        title={t('fields.loadFailed')}
        onRetry={() => void fields.refetch()}
      />
    );

  const byField = new Map((values ?? []).map((v) => [v.field_id, v.values]));
  const shown = fields.data.filter((f) => (filter ? filter(f) : true));
  const rows = (list: CustomField[]) =>
    list.length === 0 ? (
      <Text fz="sm" c="dimmed">
        {t('fields.none')}
      </Text>
    ) : (
      <Stack gap="xs">
        {list.map((field) => (
          <FieldRow
            key={field.id}
            field={field}
            values={byField.get(field.id) ?? []}
            onSave={(next) => onSave(field.id, next)}
            disabled={disabled}
            stacked={stacked}
          />
        ))}
      </Stack>
    );

  const knownGroups = (groups.data ?? []).filter((g) => shown.some((f) => f.group_id === g.id));
  const knownIds = new Set(knownGroups.map((g) => g.id));
  const main = shown.filter((f) => f.group_id === undefined || !knownIds.has(f.group_id));
  if (flat || knownGroups.length === 0) return rows(shown);
  return (
    <Tabs defaultValue="main" keepMounted={false}>
      <Tabs.List mb="sm">
        <Tabs.Tab value="main">{t('fields.mainGroup')}</Tabs.Tab>
        {knownGroups.map((g) => (
          <Tabs.Tab key={g.id} value={String(g.id)}>
            {g.name}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value="main">{rows(main)}</Tabs.Panel>
      {knownGroups.map((g) => (
        <Tabs.Panel key={g.id} value={String(g.id)}>
          {rows(shown.filter((f) => f.group_id === g.id))}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
