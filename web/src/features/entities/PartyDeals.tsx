import { Anchor, Badge, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRecordFormat } from '../../ui/useRecordFormat';
import { isLost, isWon } from '../records/api';
import { usePipelines } from '../records/hooks';
import { useDeals } from './useDealNames';

/** The deals of a contact or company: name, stage and budget, each a link to its card. */
export function PartyDeals({ ids }: { ids: number[] }) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const deals = useDeals(ids);
  const pipelines = usePipelines();
  const stageOf = (pipelineId: number, statusId: number) =>
    pipelines.data?.find((p) => p.id === pipelineId)?._embedded.statuses.find((s) => s.id === statusId);
  return (
    <Stack gap="xs">
      <Text fw={600} fz="sm" tt="uppercase" c="dimmed">
        {t('contacts.deals')}
      </Text>
      {ids.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {t('card.noDeals')}
        </Text>
      ) : deals.isPending ? (
        <Skeleton h={48} />
      ) : (
        (deals.data ?? []).map((d) => {
          const stage = stageOf(d.pipeline_id, d.status_id);
          return (
            <Paper key={d.id} withBorder p="xs" radius="md">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Anchor component={Link} to={`/deals/${d.id}`} fz="sm" fw={500} style={{ minWidth: 0 }}>
                  {d.name}
                </Anchor>
                <Text fz="sm" c="dimmed">
                  {format.money(d.price)}
                </Text>
              </Group>
              {stage && (
                <Badge
                  mt={4}
                  size="sm"
                  variant="light"
                  color={isWon(d.status_id) ? 'teal' : isLost(d.status_id) ? 'red' : 'gray'}
                  styles={{ root: { textTransform: 'none' } }}
                >
                  {stage.name}
                </Badge>
              )}
            </Paper>
          );
        })
      )}
    </Stack>
  );
}
