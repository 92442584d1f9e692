import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Logo } from './Logo';

type Props = { title: string; subtitle: string; children: ReactNode; footer?: ReactNode };

/** The centred card used by the pages outside the app (login, first-run setup). */
export function AuthLayout({ title, subtitle, children, footer }: Props) {
  return (
    <Center
      mih="100dvh"
      px="md"
      py="xl"
      bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))"
    >
      <Stack w="100%" maw={440} gap="lg">
        <Center>
          <Logo size={36} />
        </Center>
        <Paper withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 'xl' }}>
          <Stack gap={4} mb="lg">
            <Title order={1} fz="h2">
              {title}
            </Title>
            <Text c="dimmed" fz="sm">
              {subtitle}
            </Text>
          </Stack>
          {children}
        </Paper>
        {footer && <Box>{footer}</Box>}
      </Stack>
    </Center>
  );
}
