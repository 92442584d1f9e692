import { describe, expect, it } from 'vitest';
import { robotSay } from './robot-texts.ts';

describe('robot phrases', () => {
  it('speaks the account language, Russian by default', () => {
    expect(robotSay('en')('emailSent', { subject: 'Offer', to: 'a@b.test' })).toBe(
      'email «Offer» sent to a@b.test',
    );
    expect(robotSay('ru')('emailSent', { subject: 'Скидки', to: 'a@b.test' })).toBe(
      'письмо «Скидки» отправлено на a@b.test',
    );
    expect(robotSay('uk')('tasksCompleted', { count: 3 })).toBe('закрыто задач: 3');
  });

  it('keeps a placeholder it was not given, and does not expand one inside a value', () => {
    expect(robotSay('en')('fieldSet', { field: '{value}' })).toBe('field «{value}» = {value}');
  });
});
