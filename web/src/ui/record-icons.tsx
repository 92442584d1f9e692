import { outlineIcon } from './icons';

export { IconList, IconPencil, IconTrash } from './icons-extra';

/** More outline icons (Tabler style, as in icons.tsx) for cards, lists and the task calendar. */

export const IconX = outlineIcon('IconX', <path d="M18 6L6 18M6 6l12 12" />);

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

export const IconRestore = outlineIcon(
  'IconRestore',
  <path d="M3.06 13a9 9 0 1 0 .49-4.87M3 4.001v5h5M12 8v4l2 2" />,
);
