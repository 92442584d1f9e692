import type { TFunction } from 'i18next';

// The same limits as the server's setupInputSchema in common/src/session.ts.
export const PASSWORD_MIN_LENGTH = 8;
const PASSWORD_MAX_LENGTH = 200;
const TEXT_MAX_LENGTH = 200;
const EMAIL_MAX_LENGTH = 320;

// Deliberately loose: one @, something on both sides, a dot in the domain. The server has the final word.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function requiredError(t: TFunction, value: string, maxLength = TEXT_MAX_LENGTH): string | undefined {
  if (!value.trim()) return t('validation.required');
  if (value.length > maxLength) return t('validation.tooLong');
  return undefined;
}

export function emailError(t: TFunction, value: string): string | undefined {
  return (
    requiredError(t, value, EMAIL_MAX_LENGTH) ??
    (EMAIL_PATTERN.test(value.trim()) ? undefined : t('validation.email'))
  );
}

export function newPasswordError(t: TFunction, value: string): string | undefined {
  if (!value) return t('validation.required');
  if (value.length > PASSWORD_MAX_LENGTH) return t('validation.tooLong');
  return value.length < PASSWORD_MIN_LENGTH ? t('validation.passwordLength') : undefined;
}
