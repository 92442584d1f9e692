import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconPlus } from '../../../ui/icons';
import { IconTrash } from '../../../ui/icons-extra';

export type EnumDraft = { key: string; id?: number; value: string };

type Props = {
  values: EnumDraft[];
  onChange: (values: EnumDraft[]) => void;
  error?: string;
  disabled?: boolean;
};

let seq = 0;
export const newEnumDraft = (value = ''): EnumDraft => ({ key: `new-${++seq}`, value });

/** The options of a list field, in the order they are offered; ↑ / ↓ change it. */
export function EnumValuesEditor({ values, onChange, error, disabled }: Props) {
  const { t } = useTranslation();
  const move = (index: number, by: number) => {
    const next = [...values];
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + by, 0, item);
    onChange(next);
  };
  return (
    <Stack gap={6}>
      <Text fz="sm" fw={500}>
        {t('settingsFields.enums')}
      </Text>
      <Stack
        component="ol"
        gap={6}
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label={t('settingsFields.enums')}
      >
        {values.map((v, i) => (
          <Group key={v.key} component="li" gap={4} wrap="nowrap">
            <TextInput
              value={v.value}
              disabled={disabled}
              aria-label={t('settingsFields.enumN', { n: i + 1 })}
              maxLength={255}
              style={{ flex: 1 }}
              onChange={(e) => {
                const value = e.currentTarget.value;
                onChange(values.map((x) => (x.key === v.key ? { ...x, value } : x)));
              }}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              disabled={disabled || i === 0}
              aria-label={t('settingsFields.enumUp', { value: v.value })}
              onClick={() => move(i, -1)}
            >
              ↑
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="gray"
              disabled={disabled || i === values.length - 1}
              aria-label={t('settingsFields.enumDown', { value: v.value })}
              onClick={() => move(i, 1)}
            >
              ↓
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              disabled={disabled}
              aria-label={t('settingsFields.enumRemove', { value: v.value })}
              onClick={() => onChange(values.filter((x) => x.key !== v.key))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
      </Stack>
      {error && (
        <Text fz="xs" c="red">
          {error}
        </Text>
      )}
      {!disabled && (
        <Button
          variant="subtle"
          size="xs"
          w="fit-content"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...values, newEnumDraft()])}
        >
          {t('settingsFields.addEnum')}
        </Button>
      )}
    </Stack>
  );
}
