import { TextInput, type TextInputProps } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../app/api';

type Props = Omit<TextInputProps, 'value' | 'onChange' | 'onBlur' | 'error'> & {
  value: string;
  /** Returns the value to send, or a message when the text is not acceptable. */
  parse?: (text: string) => { ok: true; value: string } | { ok: false; message: string };
  onSave: (text: string) => Promise<unknown>;
};

/** A value edited in place: saved on blur or Enter, Escape puts the stored value back. */
export function InlineText({ value, parse, onSave, ...rest }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const commit = async () => {
    if (draft === null) return;
    const parsed = parse ? parse(draft) : { ok: true as const, value: draft.trim() };
    if (!parsed.ok) return setError(parsed.message);
    if (parsed.value === value) {
      setDraft(null);
      setError(null);
      return;
    }
    setSaving(true);
    try {
      await onSave(parsed.value);
      setDraft(null);
      setError(null);
    } catch (caught) {
      setError(
        caught instanceof ApiError
          ? (caught.fieldErrors[0]?.detail ?? caught.detail ?? caught.title)
          : String(caught),
      );
    } finally {
      setSaving(false);
    }
  };
  return (
    <TextInput
      {...rest}
      value={draft ?? value}
      error={error}
      disabled={rest.disabled || saving}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={() => void commit()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') {
          setDraft(null);
          setError(null);
        }
      }}
    />
  );
}
