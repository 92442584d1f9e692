import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Badge, Group, Paper, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconGripVertical, IconTrash } from '../../../ui/icons-extra';
import { InlineName } from './InlineName';
import { stageRole, type Status } from './pipelines-api';
import { StageColorPicker } from './StageColorPicker';

type Props = {
  status: Status;
  onRename: (name: string) => void;
  onRecolor: (color: string) => void;
  onDelete?: () => void;
};

/** One stage: drag handle (open stages only), colour, name, delete. */
export function StageRow({ status, onRename, onRecolor, onDelete }: Props) {
  const { t } = useTranslation();
  const role = stageRole(status);
  const sortable = useSortable({ id: status.id, disabled: role !== 'open' });
  const style = {
    transform: CSS.Transform.toString(sortable.transform),
    transition: sortable.transition,
    opacity: sortable.isDragging ? 0.6 : 1,
    borderLeft: `6px solid ${status.color}`,
  };
  return (
    <Paper
      ref={sortable.setNodeRef}
      component="li"
      withBorder
      radius="md"
      px="sm"
      py={6}
      style={style}
      aria-label={status.name}
    >
      <Group gap="sm" wrap="nowrap">
        {role === 'open' ? (
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            aria-label={t('settingsPipelines.dragStage', { name: status.name })}
            style={{ cursor: 'grab', touchAction: 'none' }}
            {...sortable.attributes}
            {...sortable.listeners}
          >
            <IconGripVertical size={16} />
          </ActionIcon>
        ) : (
          <span style={{ width: 22 }} />
        )}
        <StageColorPicker color={status.color} stageName={status.name} onChange={onRecolor} />
        <InlineName
          value={status.name}
          label={t('settingsPipelines.renameStage', { name: status.name })}
          onSave={onRename}
        />
        {role !== 'open' && (
          <Badge variant="light" color={role === 'won' ? 'teal' : role === 'lost' ? 'gray' : 'blue'}>
            {t(`settingsPipelines.role.${role}`)}
          </Badge>
        )}
        {onDelete && (
          <Tooltip label={t('settingsPipelines.deleteStage')}>
            <ActionIcon
              variant="subtle"
              color="red"
              size="sm"
              aria-label={t('settingsPipelines.deleteStageNamed', { name: status.name })}
              onClick={onDelete}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
    </Paper>
  );
}
