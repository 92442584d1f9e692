import { webhookActions, type WebhookAction } from '@voronka/common';
import { Checkbox, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const entities = ['lead', 'contact', 'company', 'task'] as const;
const entityOf = (action: WebhookAction) => entities.find((e) => action.endsWith(`_${e}`)) ?? 'lead';
const verbs = ['add', 'update', 'delete', 'restore', 'status', 'responsible', 'note'] as const;
const verbOf = (action: WebhookAction) => verbs.find((v) => action.startsWith(`${v}_`)) ?? 'update';

type Props = {
  value: WebhookAction[];
  onChange: (value: WebhookAction[]) => void;
  error?: string | undefined;
};

/** The events a subscription receives, grouped by what they happen to (amoCRM's action names). */
export function ActionsPicker({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text fz="sm" fw={500}>
        {t('settingsWebhooks.events')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {entities.map((entity) => (
          <Checkbox.Group
            key={entity}
            label={t(`settingsWebhooks.entities.${entity}`)}
            value={value.filter((a) => entityOf(a) === entity)}
            onChange={(picked) => {
              const others = value.filter((a) => entityOf(a) !== entity);
              const mine = webhookActions.filter((a) => picked.includes(a));
              onChange([...others, ...mine]);
            }}
          >
            <Stack gap={4} mt={4}>
              {webhookActions
                .filter((a) => entityOf(a) === entity)
                .map((action) => (
                  <Checkbox
                    key={action}
                    value={action}
                    label={t(`settingsWebhooks.actions.${verbOf(action)}`)}
                    description={action}
                  />
                ))}
            </Stack>
          </Checkbox.Group>
        ))}
      </SimpleGrid>
      {error && (
        <Text fz="xs" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}
