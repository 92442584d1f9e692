import { ActionIcon, Button, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconPlus } from '../../ui/icons';
import { IconTrash } from '../../ui/icons-extra';
import { InlineName } from './pipelines/InlineName';

export type NamedItem = {
  id: number;
  name: string;
  locked?: boolean;
  extra?: ReactNode;
  leading?: ReactNode;
};

type Props = {
  items: NamedItem[];
  listLabel: string;
  emptyText: string;
  addLabel: string;
  addPlaceholder: string;
  renameLabel: (name: string) => string;
  deleteLabel: (name: string) => string;
  adding?: boolean;
  onAdd?: (name: string) => Promise<unknown>;
  onRename: (id: number, name: string) => void;
  onDelete: (item: NamedItem) => void;
};

/**
 * A short editable list of names (loss reasons, task types, departments, tags): rename in place,
 * delete with a button, add at the bottom. Locked items (built-ins) are shown but not editable.
 */
export function NamedList(props: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  return (
    <Stack gap="xs">
      {props.items.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {props.emptyText}
        </Text>
      ) : (
        <Stack component="ul" gap={0} p={0} m={0} style={{ listStyle: 'none' }} aria-label={props.listLabel}>
          {props.items.map((item, i) => (
            <Group
              key={item.id}
              component="li"
              aria-label={item.name}
              gap="sm"
              py={6}
              wrap="nowrap"
              style={i > 0 ? { borderTop: '1px solid var(--mantine-color-default-border)' } : undefined}
            >
              {item.leading}
              {item.locked ? (
                <Text style={{ flex: 1 }}>{item.name}</Text>
              ) : (
                <InlineName
                  value={item.name}
                  label={props.renameLabel(item.name)}
                  onSave={(name) => props.onRename(item.id, name)}
                />
              )}
              {item.extra}
              {!item.locked && (
                <Tooltip label={t('settings.delete')}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="sm"
                    aria-label={props.deleteLabel(item.name)}
                    onClick={() => props.onDelete(item)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {props.onAdd && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const name = draft.trim();
            if (name && props.onAdd)
              void props.onAdd(name).then(
                () => setDraft(''),
                () => undefined, // the caller shows the error
              );
          }}
        >
          <Group gap="xs" wrap="nowrap">
            <TextInput
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              placeholder={props.addPlaceholder}
              aria-label={props.addPlaceholder}
              maxLength={255}
              style={{ flex: 1 }}
            />
            <Button type="submit" variant="light" leftSection={<IconPlus size={16} />} loading={props.adding}>
              {props.addLabel}
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}
