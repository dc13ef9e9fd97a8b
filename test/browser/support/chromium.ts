import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium; `.ci/run` installs the package. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags the browser tier runs Chromium with: no GPU, no sandbox (containers), no background traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether the browser tests run: always in CI (a missing Chromium there fails them), elsewhere
 * only where Chromium is installed — a fresh machine skips them with a message.
 * @example
 * describe.skipIf(!browserTestsRun())('the dashboard', () => { ... });
 */
export function browserTestsRun(): boolean {
  if (process.env.CI) return true;
  if (existsSync(CHROMIUM_PATH)) return true;
  console.warn(
    `Skipping the browser tests: no Chromium at ${CHROMIUM_PATH} (install Debian's chromium package or set CHROMIUM_PATH).`,
  );
  return false;
}

/** A headless Chromium with a fresh profile. */
export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Starts headless Chromium with a fresh profile directory (removed on close).
 * @example
 * const browser = await launchChromium();
 * const page = await browser.context.newPage();
 */
export async function launchChromium(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'motorcade-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 860 },
    // Chromium can take a minute to start on a loaded two-core machine.
    timeout: 180_000,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
