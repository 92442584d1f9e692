import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { IconPlus } from '../../../ui/icons';

type Props = {
  title: string;
  description: ReactNode;
  actionLabel: string;
  onAction: () => void;
  children: ReactNode;
};

/** One block of a settings page: heading, what it is for, its main action, then its content. */
export function SettingsBlock({ title, description, actionLabel, onAction, children }: Props) {
  const headingId = `${title.replace(/\W+/g, '-')}-heading`;
  return (
    <Paper
      component="section"
      withBorder
      radius="lg"
      p={{ base: 'md', sm: 'lg' }}
      aria-labelledby={headingId}
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={4} style={{ flex: '1 1 320px' }}>
            <Title order={2} fz="h3" id={headingId}>
              {title}
            </Title>
            <Text fz="sm" c="dimmed">
              {description}
            </Text>
          </Stack>
          <Button leftSection={<IconPlus size={18} />} onClick={onAction}>
            {actionLabel}
          </Button>
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
