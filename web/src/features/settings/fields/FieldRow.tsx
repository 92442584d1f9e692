import { ActionIcon, Badge, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconPencil, IconTrash } from '../../../ui/icons-extra';
import type { CustomField } from './fields-api';

type Props = { field: CustomField; divided: boolean; onEdit: () => void; onDelete: () => void };

export function FieldRow({ field, divided, onEdit, onDelete }: Props) {
  const { t } = useTranslation();
  const required = field.required_statuses.length;
  return (
    <Group
      component="li"
      aria-label={field.name}
      gap="sm"
      py={8}
      wrap="wrap"
      style={divided ? { borderTop: '1px solid var(--mantine-color-default-border)' } : undefined}
    >
      <Text fw={500} style={{ flex: '1 1 200px', minWidth: 0 }} truncate="end">
        {field.name}
      </Text>
      <Badge variant="light" color="gray">
        {t(`settingsFields.types.${field.type}`)}
      </Badge>
      {field.enums && field.enums.length > 0 && (
        <Text fz="xs" c="dimmed" maw={240} truncate="end">
          {[...field.enums]
            .sort((a, b) => a.sort - b.sort)
            .map((e) => e.value)
            .join(', ')}
        </Text>
      )}
      {field.code && (
        <Badge variant="outline" color="gray">
          {field.code}
        </Badge>
      )}
      {required > 0 && (
        <Badge variant="light" color="orange">
          {t('settingsFields.requiredCount', { count: required })}
        </Badge>
      )}
      {field.is_predefined && (
        <Badge variant="light" color="blue">
          {t('settingsFields.predefined')}
        </Badge>
      )}
      <Group gap={2} wrap="nowrap">
        <Tooltip label={t('settingsFields.edit')}>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('settingsFields.editNamed', { name: field.name })}
            onClick={onEdit}
          >
            <IconPencil size={16} />
          </ActionIcon>
        </Tooltip>
        {field.is_deletable && (
          <Tooltip label={t('settings.delete')}>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('settings.deleteNamed', { name: field.name })}
              onClick={onDelete}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
    </Group>
  );
}
