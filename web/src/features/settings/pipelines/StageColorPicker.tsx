import { ColorSwatch, Popover, SimpleGrid, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconCheck } from '../../../ui/icons';
import { STAGE_COLORS } from './stage-colors';

type Props = { color: string; stageName: string; onChange: (color: string) => void; disabled?: boolean };

/** The stage's colour as a swatch; clicking it opens amoCRM's palette. */
export function StageColorPicker({ color, stageName, onChange, disabled }: Props) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" withArrow shadow="md" trapFocus>
      <Popover.Target>
        <UnstyledButton
          onClick={() => setOpened((o) => !o)}
          disabled={disabled}
          aria-label={t('settingsPipelines.stageColorOf', { name: stageName })}
          style={{ display: 'flex' }}
        >
          <ColorSwatch color={color} size={22} radius="sm" />
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <SimpleGrid cols={6} spacing={6} role="listbox" aria-label={t('settingsPipelines.palette')}>
          {STAGE_COLORS.map((c) => {
            const selected = c === color.toLowerCase();
            return (
              <UnstyledButton
                key={c}
                role="option"
                aria-selected={selected}
                aria-label={c}
                onClick={() => {
                  setOpened(false);
                  if (!selected) onChange(c);
                }}
                style={{ display: 'flex' }}
              >
                <ColorSwatch color={c} size={26} radius="sm" style={{ color: '#333' }}>
                  {selected && <IconCheck size={14} />}
                </ColorSwatch>
              </UnstyledButton>
            );
          })}
        </SimpleGrid>
      </Popover.Dropdown>
    </Popover>
  );
}
