import { describe, expect, it } from 'vitest';
import { NO_PARTS, partsNamedIn } from './placeholders.ts';

describe('placeholder model parts', () => {
  it('needs no query for the deal’s own columns', () => {
    expect(partsNamedIn('Позвонить: {{deal.name}}, {{ deal.budget }} ₽')).toEqual(NO_PARTS);
    expect(partsNamedIn('no placeholders')).toEqual(NO_PARTS);
  });

  it('names each part a template reads', () => {
    expect(partsNamedIn('{{deal.cf.Предоплата}} {{ deal.stage }}')).toEqual({
      ...NO_PARTS,
      dealFields: true,
      stage: true,
    });
    expect(partsNamedIn('{{contact.first_name}} / {{company.name}} / {{responsible.email}}')).toEqual({
      ...NO_PARTS,
      contact: true,
      company: true,
      responsible: true,
    });
    expect(partsNamedIn('{"formula":"{{deal.budget}} - {{deal.cf.12}}"}').dealFields).toBe(true);
  });
});
