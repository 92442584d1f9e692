import { describe, expect, it } from 'vitest';
import { normalisePhone, normaliseTaxId } from './normalise.ts';

describe('normaliseTaxId', () => {
  it('reduces a Russian ИНН (10 or 12 digits) typed in any way to its digits', () => {
    for (const typed of ['7707083893', '7707 083 893', '77-07-083893', 'ИНН 7707083893', 'инн: 7707.083.893'])
      expect(normaliseTaxId(typed)).toBe('7707083893');
    expect(normaliseTaxId('INN 500100732259')).toBe('500100732259');
  });

  it('keeps other tax ids as typed, only case and separators aside', () => {
    expect(normaliseTaxId('DE 123 456 789')).toBe('de123456789');
    expect(normaliseTaxId('ИНН 12345')).toBe('инн12345'); // not an ИНН: nothing is cut off
    expect(normaliseTaxId('3209-6518')).toBe('32096518'); // an 8-digit ЄДРПОУ stays as it is
  });
});

describe('normalisePhone', () => {
  it('stores one number typed in five formats as one E.164 value', () => {
    const forms = ['+7 912 000-11-22', '8 (912) 000-11-22', '89120001122', '+79120001122', '7 912 000 11 22'];
    expect(new Set(forms.map((p) => normalisePhone(p, 'RU')))).toEqual(new Set(['+79120001122']));
  });
});
