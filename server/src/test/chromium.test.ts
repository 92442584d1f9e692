import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { PLAYWRIGHT_DISABLED_FEATURES } from './chromium.ts';

/** The names in the installed Playwright's own `disabledFeatures = [...]` list. */
function installedPlaywrightDisabledFeatures(): string[] {
  const bundle = readFileSync(
    createRequire(import.meta.url).resolve('playwright-core/lib/coreBundle'),
    'utf8',
  );
  const start = bundle.indexOf('disabledFeatures = [');
  expect(start, 'Playwright no longer declares disabledFeatures: check launchChromium').toBeGreaterThan(-1);
  const list = bundle.slice(start, bundle.indexOf('].filter(Boolean)', start));
  return [...list.matchAll(/^\s*"([A-Za-z]+)"/gm)].map((m) => m[1]!);
}

describe('launchChromium', () => {
  it('repeats every feature Playwright switches off, since only the last --disable-features counts', () => {
    const installed = installedPlaywrightDisabledFeatures();
    expect(installed.length).toBeGreaterThan(5);
    expect([...PLAYWRIGHT_DISABLED_FEATURES].sort()).toEqual([...installed].sort());
  });
});
