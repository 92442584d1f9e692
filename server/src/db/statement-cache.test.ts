import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './database.ts';

let sqlite: BetterSqlite3.Database | undefined;
afterEach(() => {
  sqlite?.close();
  sqlite = undefined;
});

describe('the SQLite statement cache', () => {
  it('prepares a text once, keeps up to its size and lets the first prepared go when full', () => {
    sqlite = new BetterSqlite3(':memory:');
    const prepares: string[] = [];
    const spied = new Proxy(sqlite, {
      get(target, key) {
        if (key === 'prepare')
          return (text: string) => {
            prepares.push(text);
            return target.prepare(text);
          };
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const cache = withStatementCache(spied, 2);
    const a = cache.prepare('select 1 as n');
    expect(cache.prepare('select 1 as n')).toBe(a);
    const b = cache.prepare('select 2 as n');
    // Full: the next new text pushes out the first one prepared, though it was used since.
    cache.prepare('select 3 as n');
    expect(cache.prepare('select 2 as n')).toBe(b);
    const again = cache.prepare('select 1 as n');
    expect(again).not.toBe(a);
    expect(again.all([])).toEqual([{ n: 1 }]);
    expect(prepares).toEqual(['select 1 as n', 'select 2 as n', 'select 3 as n', 'select 1 as n']);
  });
});
