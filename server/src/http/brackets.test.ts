import { describe, expect, it } from 'vitest';
import { parseBracketQuery } from './brackets.ts';

describe('parseBracketQuery', () => {
  it('parses amoCRM filters, orders and lists', () => {
    const q = parseBracketQuery(
      'filter[id][]=1&filter[id][]=2&filter[statuses][0][pipeline_id]=5&filter[statuses][0][status_id]=142' +
        '&filter[created_at][from]=100&order[created_at]=asc&with=contacts,loss_reason&page=2&limit=50',
    );
    expect(q).toEqual({
      filter: {
        id: ['1', '2'],
        statuses: [{ pipeline_id: '5', status_id: '142' }],
        created_at: { from: '100' },
      },
      order: { created_at: 'asc' },
      with: 'contacts,loss_reason',
      page: '2',
      limit: '50',
    });
  });

  it('decodes Cyrillic and ignores prototype keys and malformed brackets', () => {
    const q = parseBracketQuery(
      `query=${encodeURIComponent('Иван')}&__proto__[x]=1&filter[constructor][y]=2&bad[x=1&filter[name]=${encodeURIComponent('Сделка')}`,
    );
    expect(q).toEqual({ query: 'Иван', filter: { name: 'Сделка' } });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
