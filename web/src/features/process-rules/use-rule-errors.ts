import { ApiError } from '../../app/api';

/**
 * The server's `validation-errors` of a rule save, looked up by path: `errorAt('config.days')`
 * finds `config.days` (and, unless exact, anything under it); `rest` are those no input claims.
 */
export function ruleErrors(error: unknown, claimed: readonly string[]) {
  const list = error instanceof ApiError ? error.fieldErrors : [];
  const under = (path: string, key: string, exact: boolean) =>
    path === key || (!exact && path.startsWith(`${key}.`));
  const errorAt = (key: string, exact = false): string | undefined => {
    const found = list.filter((e) => under(e.path, key, exact)).map((e) => e.detail);
    return found.length > 0 ? found.join('; ') : undefined;
  };
  const rest = list.filter((e) => !claimed.some((key) => under(e.path, key, false)));
  return { errorAt, rest };
}
