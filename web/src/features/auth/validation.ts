import type { TFunction } from 'i18next';

export const PASSWORD_MIN_LENGTH = 8;

// Deliberately loose: one @, something on both sides, a dot in the domain. The server has the final word.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function requiredError(t: TFunction, value: string, maxLength = 255): string | undefined {
  if (!value.trim()) return t('validation.required');
  if (value.length > maxLength) return t('validation.tooLong');
  return undefined;
}

export function emailError(t: TFunction, value: string): string | undefined {
  return requiredError(t, value) ?? (EMAIL_PATTERN.test(value.trim()) ? undefined : t('validation.email'));
}

export function newPasswordError(t: TFunction, value: string): string | undefined {
  if (!value) return t('validation.required');
  return value.length < PASSWORD_MIN_LENGTH ? t('validation.passwordLength') : undefined;
}
