import { useState, type ChangeEvent, type FormEvent } from 'react';

export type Validate<V> = (values: V) => Partial<Record<keyof V, string>>;

/**
 * Minimal form state: values, client-side validation shown once a field was left or the form
 * submitted, and server-side field errors that clear as soon as the field is edited.
 */
export function useFormState<V extends Record<string, string>>(initial: V, validate: Validate<V>) {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Partial<Record<keyof V, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<keyof V, string>>>({});
  const clientErrors = validate(values);

  const setValue = (field: keyof V, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setServerErrors((current) => ({ ...current, [field]: undefined }));
  };

  const errorOf = (field: keyof V): string | undefined =>
    serverErrors[field] ?? (submitted || touched[field] ? clientErrors[field] : undefined);

  const inputProps = (field: keyof V) => ({
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setValue(field, event.currentTarget.value),
    onBlur: () => setTouched((current) => ({ ...current, [field]: true })),
    error: errorOf(field),
  });

  const onSubmit = (onValid: (values: V) => void) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.values(clientErrors).some(Boolean)) return;
    onValid(values);
  };

  return { values, setValue, inputProps, onSubmit, setServerErrors };
}
