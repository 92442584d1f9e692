import { ActionIcon, Button, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import type { BoardMeta } from '@voronka/common';
import { useTranslation } from 'react-i18next';
import { IconPlus } from '../../ui/icons';
import { IconTrash } from '../../ui/icons-extra';
import { fieldOptions, isNumericRef, refKey, refOfKey } from './field-options';
import { conditionOps, type Condition, type ConditionOp } from './rules-api';

type Props = {
  label: string;
  value: Condition[];
  onChange: (next: Condition[]) => void;
  meta: BoardMeta | undefined;
  /** Server errors by condition index (`config.conditions.N...`), and for the list as a whole. */
  errorAt: (path: string, exact?: boolean) => string | undefined;
};

const needsValue = (op: ConditionOp) => op !== 'empty' && op !== 'not_empty';

/** Rows of "field, operator, value"; every row must hold. */
export function ConditionsBuilder({ label, value, onChange, meta, errorAt }: Props) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<Condition>) =>
    onChange(value.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const listError = errorAt('config.conditions', true);
  return (
    <Stack gap="xs" data-testid="conditions">
      <Text fz="sm" fw={500}>
        {label}
      </Text>
      {value.length === 0 && (
        <Text fz="sm" c="dimmed">
          {t('processRules.conditions.none')}
        </Text>
      )}
      {value.map((c, i) => {
        const numeric = isNumericRef(c.field, meta);
        const rowError = errorAt(`config.conditions.${i}`);
        return (
          <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
            <Select
              aria-label={t('processRules.conditions.field', { n: i + 1 })}
              data={fieldOptions(meta, t)}
              value={refKey(c.field)}
              searchable
              allowDeselect={false}
              style={{ flex: 2 }}
              error={rowError}
              onChange={(key) => {
                const field = key ? refOfKey(key) : null;
                if (field) set(i, { field, value: null });
              }}
            />
            <Select
              aria-label={t('processRules.conditions.op', { n: i + 1 })}
              data={conditionOps.map((op) => ({ value: op, label: t(`processRules.ops.${op}`) }))}
              value={c.op}
              allowDeselect={false}
              style={{ flex: 1 }}
              onChange={(op) => {
                const next = conditionOps.find((o) => o === op);
                if (next) set(i, needsValue(next) ? { op: next } : { op: next, value: null });
              }}
            />
            {needsValue(c.op) ? (
              numeric ? (
                <NumberInput
                  aria-label={t('processRules.conditions.value', { n: i + 1 })}
                  value={typeof c.value === 'number' ? c.value : ''}
                  onChange={(v) => set(i, { value: typeof v === 'number' ? v : null })}
                  style={{ flex: 1 }}
                />
              ) : (
                <TextInput
                  aria-label={t('processRules.conditions.value', { n: i + 1 })}
                  value={c.value === null || c.value === undefined ? '' : String(c.value)}
                  onChange={(e) => set(i, { value: e.currentTarget.value })}
                  style={{ flex: 1 }}
                />
              )
            ) : (
              <div style={{ flex: 1 }} />
            )}
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t('processRules.conditions.remove', { n: i + 1 })}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      {listError && (
        <Text fz="xs" c="red">
          {listError}
        </Text>
      )}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          disabled={value.length >= 20}
          onClick={() => onChange([...value, { field: { builtin: 'price' }, op: 'gt', value: null }])}
        >
          {t('processRules.conditions.add')}
        </Button>
      </Group>
    </Stack>
  );
}
