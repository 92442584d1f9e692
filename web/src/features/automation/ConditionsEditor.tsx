import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { dealAttributeKeys, type ConditionRule, type Conditions } from '@voronka/common';
import { useTranslation } from 'react-i18next';
import type { FieldInfo, UserInfo } from './automation-api';

const OPS = ['equals', 'not_equals', 'contains', 'greater', 'less', 'empty', 'not_empty'] as const;
type Op = (typeof OPS)[number];
const isOp = (v: string | null): v is Op => OPS.some((o) => o === v);

function newRule(type: ConditionRule['type']): ConditionRule {
  switch (type) {
    case 'field':
      return { type, field_id: 0, op: 'equals', value: '' };
    case 'tags':
      return { type, mode: 'any', tags: [] };
    case 'budget':
      return { type };
    case 'responsible':
      return { type, user_ids: [] };
    case 'attribute':
      return { type, key: 'utm_source', op: 'equals', value: '' };
    case 'contact':
      return { type, has: 'phone' };
  }
}

const RULE_TYPES: ConditionRule['type'][] = [
  'field',
  'tags',
  'budget',
  'responsible',
  'attribute',
  'contact',
];

function RuleEditor({
  rule,
  onChange,
  fields,
  users,
}: {
  rule: ConditionRule;
  onChange: (r: ConditionRule) => void;
  fields: FieldInfo[];
  users: UserInfo[];
}) {
  const { t } = useTranslation();
  const ops = OPS.map((o) => ({ value: o, label: t(`automation.ops.${o}`) }));
  const needsValue = (op: Op) => op !== 'empty' && op !== 'not_empty';
  switch (rule.type) {
    case 'field':
      return (
        <Group gap="xs" grow>
          <Select
            aria-label={t('automation.conditions.field')}
            placeholder={t('automation.conditions.field')}
            data={fields.map((f) => ({ value: String(f.id), label: f.name }))}
            value={rule.field_id ? String(rule.field_id) : null}
            onChange={(v) => onChange({ ...rule, field_id: Number(v ?? 0) })}
            searchable
          />
          <Select
            aria-label={t('automation.conditions.op')}
            data={ops}
            value={rule.op}
            onChange={(v) => isOp(v) && onChange({ ...rule, op: v })}
            allowDeselect={false}
          />
          {needsValue(rule.op) && (
            <TextInput
              aria-label={t('automation.conditions.value')}
              value={rule.value ?? ''}
              onChange={(e) => onChange({ ...rule, value: e.currentTarget.value })}
            />
          )}
        </Group>
      );
    case 'attribute':
      return (
        <Group gap="xs" grow>
          <Select
            aria-label={t('automation.conditions.attribute')}
            data={dealAttributeKeys.map((k) => ({ value: k, label: k }))}
            value={rule.key}
            onChange={(v) => {
              const key = dealAttributeKeys.find((k) => k === v);
              if (key) onChange({ ...rule, key });
            }}
            allowDeselect={false}
          />
          <Select
            aria-label={t('automation.conditions.op')}
            data={ops}
            value={rule.op}
            onChange={(v) => isOp(v) && onChange({ ...rule, op: v })}
            allowDeselect={false}
          />
          {needsValue(rule.op) && (
            <TextInput
              aria-label={t('automation.conditions.value')}
              value={rule.value ?? ''}
              onChange={(e) => onChange({ ...rule, value: e.currentTarget.value })}
            />
          )}
        </Group>
      );
    case 'tags':
      return (
        <Group gap="xs" grow>
          <Select
            aria-label={t('automation.conditions.tagMode')}
            data={(['all', 'any', 'none'] as const).map((m) => ({
              value: m,
              label: t(`automation.conditions.tags_${m}`),
            }))}
            value={rule.mode}
            onChange={(v) => (v === 'all' || v === 'any' || v === 'none') && onChange({ ...rule, mode: v })}
            allowDeselect={false}
          />
          <TagsInput
            aria-label={t('automation.conditions.tags')}
            value={rule.tags}
            onChange={(tags) => onChange({ ...rule, tags })}
          />
        </Group>
      );
    case 'budget':
      return (
        <Group gap="xs" grow>
          <NumberInput
            label={t('automation.conditions.min')}
            min={0}
            value={rule.min ?? ''}
            onChange={(v) => onChange({ ...rule, min: typeof v === 'number' ? v : undefined })}
          />
          <NumberInput
            label={t('automation.conditions.max')}
            min={0}
            value={rule.max ?? ''}
            onChange={(v) => onChange({ ...rule, max: typeof v === 'number' ? v : undefined })}
          />
        </Group>
      );
    case 'responsible':
      return (
        <Select
          aria-label={t('automation.conditions.responsible')}
          data={users.map((u) => ({ value: String(u.id), label: u.name }))}
          value={rule.user_ids[0] ? String(rule.user_ids[0]) : null}
          onChange={(v) => onChange({ ...rule, user_ids: v ? [Number(v)] : [] })}
        />
      );
    case 'contact':
      return (
        <Select
          aria-label={t('automation.conditions.contact')}
          data={[
            { value: 'phone', label: t('automation.conditions.hasPhone') },
            { value: 'email', label: t('automation.conditions.hasEmail') },
          ]}
          value={rule.has}
          onChange={(v) => (v === 'phone' || v === 'email') && onChange({ ...rule, has: v })}
          allowDeselect={false}
        />
      );
  }
}

/** AND/OR groups of rules on fields, tags, budget, responsible, source/UTM, contact. */
export function ConditionsEditor({
  value,
  onChange,
  fields,
  users,
}: {
  value: Conditions;
  onChange: (c: Conditions) => void;
  fields: FieldInfo[];
  users: UserInfo[];
}) {
  const { t } = useTranslation();
  const matchData = [
    { value: 'all', label: t('automation.conditions.all') },
    { value: 'any', label: t('automation.conditions.any') },
  ];
  const setGroup = (i: number, g: Conditions['groups'][number]) =>
    onChange({ ...value, groups: value.groups.map((x, j) => (j === i ? g : x)) });
  return (
    <Stack gap="xs">
      {value.groups.length > 1 && (
        <Select
          label={t('automation.conditions.groupsMatch')}
          data={matchData}
          value={value.match}
          onChange={(v) => (v === 'all' || v === 'any') && onChange({ ...value, match: v })}
          allowDeselect={false}
        />
      )}
      {value.groups.map((group, gi) => (
        <Card key={gi} withBorder padding="sm" radius="md">
          <Stack gap="xs">
            <Group justify="space-between">
              <Select
                size="xs"
                aria-label={t('automation.conditions.rulesMatch')}
                data={matchData}
                value={group.match}
                onChange={(v) => (v === 'all' || v === 'any') && setGroup(gi, { ...group, match: v })}
                allowDeselect={false}
              />
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={() => onChange({ ...value, groups: value.groups.filter((_g, j) => j !== gi) })}
              >
                {t('automation.conditions.removeGroup')}
              </Button>
            </Group>
            {group.rules.map((rule, ri) => (
              <Group key={ri} gap="xs" wrap="nowrap" align="flex-end">
                <Text fz="xs" c="dimmed" w={90}>
                  {t(`automation.conditions.type_${rule.type}`)}
                </Text>
                <div style={{ flex: 1 }}>
                  <RuleEditor
                    rule={rule}
                    fields={fields}
                    users={users}
                    onChange={(r) =>
                      setGroup(gi, { ...group, rules: group.rules.map((x, j) => (j === ri ? r : x)) })
                    }
                  />
                </div>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('automation.conditions.removeRule')}
                  onClick={() => setGroup(gi, { ...group, rules: group.rules.filter((_r, j) => j !== ri) })}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Select
              size="xs"
              placeholder={t('automation.conditions.addRule')}
              aria-label={t('automation.conditions.addRule')}
              data={RULE_TYPES.map((r) => ({ value: r, label: t(`automation.conditions.type_${r}`) }))}
              value={null}
              onChange={(v) => {
                const type = RULE_TYPES.find((r) => r === v);
                if (type) setGroup(gi, { ...group, rules: [...group.rules, newRule(type)] });
              }}
            />
          </Stack>
        </Card>
      ))}
      <Button
        size="xs"
        variant="light"
        onClick={() => onChange({ ...value, groups: [...value.groups, { match: 'all', rules: [] }] })}
      >
        {t('automation.conditions.addGroup')}
      </Button>
    </Stack>
  );
}
