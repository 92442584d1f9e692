import { Group, Text } from '@mantine/core';

/** The product mark: a funnel ("воронка") in a rounded square, with the wordmark. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <Group gap={8} wrap="nowrap">
      <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="var(--mantine-primary-color-filled)" />
        <path d="M7 9h18l-7 8v6l-4 2v-8z" fill="#fff" />
      </svg>
      <Text fw={700} fz="lg" lh={1}>
        Voronka
      </Text>
    </Group>
  );
}
