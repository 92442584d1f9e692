import { describe, expect, it } from 'vitest';
import { setupInputSchema } from './session.ts';

describe('setupInputSchema', () => {
  it('refuses a short password and a malformed e-mail', () => {
    const result = setupInputSchema.safeParse({
      accountName: 'Мебель',
      name: 'Анна',
      email: 'not-an-email',
      password: 'short',
      locale: 'ru',
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['email', 'password']);
  });

  it('trims names and accepts Cyrillic', () => {
    const result = setupInputSchema.parse({
      accountName: '  Мебель  ',
      name: 'Анна',
      email: 'anna@example.com',
      password: 'long enough',
      locale: 'ru',
    });
    expect(result.accountName).toBe('Мебель');
  });
});
