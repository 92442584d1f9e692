import { Center, EmptyState, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';

type Props = { title: string; emptyTitle: string; emptyText: string; icon: ReactNode; children?: ReactNode };

/** A section of the app: its heading, then either its content or a designed empty state. */
export function SectionPage({ title, emptyTitle, emptyText, icon, children }: Props) {
  useDocumentTitle(`${title} · Voronka`);
  return (
    <Stack gap="lg" h="100%">
      <Title order={1} fz="h2">
        {title}
      </Title>
      {children ?? (
        <Center py={{ base: 48, sm: 96 }}>
          <EmptyState maw={460} variant="light" icon={icon} title={emptyTitle} description={emptyText} />
        </Center>
      )}
    </Stack>
  );
}
