import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ACTION_BRAND, type ActionDefinition } from './define-action.ts';

const actionsDir = path.join(import.meta.dirname, '../actions');

function isAction(value: unknown): value is ActionDefinition {
  return typeof value === 'object' && value !== null && ACTION_BRAND in value;
}

let loading: Promise<Map<string, ActionDefinition>> | undefined;

/**
 * Every action: the default export of each `actions/*.action.ts` file. Adding an action is one
 * file; nothing else lists them.
 */
export function loadActions(): Promise<Map<string, ActionDefinition>> {
  return (loading ??= (async () => {
    const map = new Map<string, ActionDefinition>();
    const files = readdirSync(actionsDir)
      .filter((f) => /\.action\.[jt]s$/.test(f))
      .sort();
    for (const file of files) {
      const mod: unknown = await import(pathToFileURL(path.join(actionsDir, file)).href);
      const def = typeof mod === 'object' && mod !== null && 'default' in mod ? mod.default : undefined;
      if (!isAction(def)) throw new Error(`${file} does not export an action by default`);
      if (map.has(def.type)) throw new Error(`Duplicate action type ${def.type}`);
      map.set(def.type, def);
    }
    return map;
  })());
}
