import { ColorSwatch, Group, Popover, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconCheck } from '../../../ui/icons';

type Props = {
  color: string | null;
  colors: readonly string[];
  label: string;
  onChange: (color: string | null) => void;
};

const css = (c: string) => (c.startsWith('#') ? c : `#${c}`);

/** A colour swatch that opens a small palette, with "no colour" first. */
export function ColorChoice({ color, colors, label, onChange }: Props) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const pick = (c: string | null) => {
    setOpened(false);
    if (c !== color) onChange(c);
  };
  return (
    <Popover opened={opened} onChange={setOpened} withArrow shadow="md" position="bottom-start">
      <Popover.Target>
        <UnstyledButton aria-label={label} onClick={() => setOpened((o) => !o)} style={{ display: 'flex' }}>
          <ColorSwatch color={color ? css(color) : 'transparent'} size={20} radius="sm" withShadow />
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Group gap={6} role="listbox" aria-label={label} maw={200}>
          <UnstyledButton
            role="option"
            aria-selected={color === null}
            aria-label={t('settingsLists.noColor')}
            onClick={() => pick(null)}
          >
            <ColorSwatch color="transparent" size={24} radius="sm" withShadow>
              {color === null && <IconCheck size={14} />}
            </ColorSwatch>
          </UnstyledButton>
          {colors.map((c) => (
            <UnstyledButton
              key={c}
              role="option"
              aria-selected={c === color}
              aria-label={css(c)}
              onClick={() => pick(c)}
            >
              <ColorSwatch color={css(c)} size={24} radius="sm" style={{ color: '#333' }}>
                {c === color && <IconCheck size={14} />}
              </ColorSwatch>
            </UnstyledButton>
          ))}
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
