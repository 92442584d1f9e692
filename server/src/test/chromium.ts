import { chromium, type Browser } from 'playwright-core';

/**
 * The features Playwright 1.65 switches off in Chromium (its `chromiumSwitches.ts`). Chromium keeps
 * only the last `--disable-features` on its command line, and Playwright puts ours after its own, so
 * ours must repeat them. `chromium.test.ts` compares this list with the installed Playwright's.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
] as const;

/**
 * Chromium 156 renders its address bar's suggestion popup as a prewarmed WebUI page in a renderer of
 * its own (chrome://omnibox-popup.top-chrome/), even headless. With it off, the board bench's first
 * card came ~300 ms sooner on a 2-core machine that also runs the server (docs/benchmarks.md; why
 * is not pinned down). No page of ours has an address bar to show.
 */
const OUR_DISABLED_FEATURES = ['WebUIOmniboxPopup'] as const;

/** Debian's Chromium (or CHROMIUM_PATH), headless, with everything that phones home switched off. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OUR_DISABLED_FEATURES].join(',')}`,
      ...extraArgs,
    ],
  });
}

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}
