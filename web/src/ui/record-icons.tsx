import type { ReactNode } from 'react';
import type { IconProps } from './icons';

/** More outline icons (Tabler style, as in icons.tsx) for cards, lists and the task calendar. */
function outlineIcon(name: string, paths: ReactNode) {
  function Icon({ size = 20, ...rest }: IconProps) {
    return (
      <svg
        xmlns="http://www.w3.org/2000/svg"
        width={size}
        height={size}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.75}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
        focusable="false"
        {...rest}
      >
        {paths}
      </svg>
    );
  }
  Icon.displayName = name;
  return Icon;
}

export const IconX = outlineIcon('IconX', <path d="M18 6L6 18M6 6l12 12" />);

export const IconTrash = outlineIcon(
  'IconTrash',
  <path d="M4 7h16M10 11v6M14 11v6M5 7l1 12a2 2 0 0 0 2 2h8a2 2 0 0 0 2-2l1-12M9 7V4a1 1 0 0 1 1-1h4a1 1 0 0 1 1 1v3" />,
);

export const IconSearch = outlineIcon(
  'IconSearch',
  <>
    <circle cx="10" cy="10" r="7" />
    <path d="M21 21l-6-6" />
  </>,
);

export const IconPin = outlineIcon(
  'IconPin',
  <path d="M15 4.5l-4 4-4 1.5-1.5 1.5 7 7 1.5-1.5 1.5-4 4-4M9 15l-4.5 4.5M14.5 4L20 9.5" />,
);

export const IconCalendar = outlineIcon(
  'IconCalendar',
  <>
    <path d="M4 7a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2z" />
    <path d="M16 3v4M8 3v4M4 11h16" />
  </>,
);

export const IconList = outlineIcon(
  'IconList',
  <path d="M9 6h11M9 12h11M9 18h11M5 6v.01M5 12v.01M5 18v.01" />,
);

export const IconNote = outlineIcon(
  'IconNote',
  <>
    <path d="M13 20l7-7M13 20v-6a1 1 0 0 1 1-1h6V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h7" />
  </>,
);

export const IconExternal = outlineIcon(
  'IconExternal',
  <path d="M12 6H6a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6M11 13l9-9M15 4h5v5" />,
);

export const IconUnlink = outlineIcon(
  'IconUnlink',
  <path d="M17 22v-2M9 15l6-6M11 6l.46-.54a5 5 0 0 1 7.07 7.07l-.53.47M13 18l-.4.53a5.07 5.07 0 0 1-7.13 0 4.97 4.97 0 0 1 0-7.07L6 11M20 17h2M2 7h2M7 2v2" />,
);

export const IconPencil = outlineIcon(
  'IconPencil',
  <path d="M4 20h4L18.5 9.5a2.83 2.83 0 0 0-4-4L4 16zM13.5 6.5l4 4" />,
);

export const IconRestore = outlineIcon(
  'IconRestore',
  <path d="M3.06 13a9 9 0 1 0 .49-4.87M3 4.001v5h5M12 8v4l2 2" />,
);
