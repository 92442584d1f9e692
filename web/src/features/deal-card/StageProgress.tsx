import { Box, Button, Group, Tooltip, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLost, isWon, type Pipeline } from '../records/api';

type Props = {
  pipeline: Pipeline;
  statusId: number;
  disabled?: boolean;
  onMove: (statusId: number) => void;
};

/**
 * The pipeline's stages as a bar: the stages passed are filled in their colour, the current one is
 * marked; a click moves the deal there. Won and lost close it (lost asks for the reason first).
 */
export function StageProgress({ pipeline, statusId, disabled, onMove }: Props) {
  const { t } = useTranslation();
  const open = pipeline._embedded.statuses
    .filter((s) => !isWon(s.id) && !isLost(s.id))
    .sort((a, b) => a.sort - b.sort);
  const currentIndex = open.findIndex((s) => s.id === statusId);
  const closed = isWon(statusId) || isLost(statusId);
  const current = pipeline._embedded.statuses.find((s) => s.id === statusId);

  return (
    <Group gap="xs" wrap="wrap" align="center">
      <Box
        role="group"
        aria-label={t('card.stageBar', { stage: current?.name ?? '' })}
        style={{ display: 'flex', gap: 3, flex: '1 1 260px', minWidth: 0 }}
      >
        {open.map((stage, index) => {
          const reached = closed ? isWon(statusId) : index <= currentIndex;
          const isCurrent = stage.id === statusId;
          return (
            <Tooltip key={stage.id} label={stage.name} openDelay={200}>
              <UnstyledButton
                aria-label={t('card.moveToStage', { stage: stage.name })}
                aria-current={isCurrent ? 'step' : undefined}
                disabled={disabled || isCurrent}
                onClick={() => onMove(stage.id)}
                style={{
                  flex: 1,
                  height: 10,
                  minWidth: 12,
                  borderRadius: 3,
                  background: reached ? stage.color : 'var(--mantine-color-default-border)',
                  outline: isCurrent ? '2px solid var(--mantine-color-text)' : undefined,
                  outlineOffset: 1,
                  cursor: disabled || isCurrent ? 'default' : 'pointer',
                }}
              />
            </Tooltip>
          );
        })}
      </Box>
      <Group gap={6} wrap="nowrap">
        <Button
          size="compact-sm"
          color="teal"
          variant={isWon(statusId) ? 'filled' : 'light'}
          disabled={disabled || isWon(statusId)}
          onClick={() => onMove(142)}
        >
          {t('card.won')}
        </Button>
        <Button
          size="compact-sm"
          color="red"
          variant={isLost(statusId) ? 'filled' : 'light'}
          disabled={disabled || isLost(statusId)}
          onClick={() => onMove(143)}
        >
          {t('card.lost')}
        </Button>
      </Group>
    </Group>
  );
}
