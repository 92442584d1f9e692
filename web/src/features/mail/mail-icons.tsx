import { outlineIcon } from '../../ui/icons';

/** An envelope, in the outline style of ui/icons. */
export const IconMail = outlineIcon(
  'IconMail',
  <>
    <path d="M3 7a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7z" />
    <path d="M3 7l9 6 9-6" />
  </>,
);
