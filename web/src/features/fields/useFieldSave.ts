import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import type { ValueInput } from './api';

/** Runs a field write and keeps its error for the input (the server's detail, else a generic line). */
export function useFieldSave(onSave: (values: ValueInput[] | null) => Promise<unknown>) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (values: ValueInput[] | null): Promise<boolean> => {
    setSaving(true);
    setError(null);
    try {
      await onSave(values);
      return true;
    } catch (caught) {
      const fieldDetail = caught instanceof ApiError ? caught.fieldErrors[0]?.detail : undefined;
      setError(
        fieldDetail ??
          (caught instanceof ApiError ? (caught.detail ?? caught.title) : t('fields.saveFailed')),
      );
      return false;
    } finally {
      setSaving(false);
    }
  };
  return { save, saving, error, setError };
}
