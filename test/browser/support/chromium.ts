import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@hub/testkit';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Where the screenshots go (git-ignored). */
export const artifactsDir = join(repoRoot, 'test-artifacts');

/** Debian's Chromium, as the CI image installs it. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface OpenBrowser {
  readonly context: BrowserContext;
  /** A new tab at `path` of the hub (relative paths work), sized like a wall screen unless told otherwise. */
  open(path: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/**
 * Starts headless Chromium with a fresh profile (its own --user-data-dir, removed on close)
 * against the hub at `origin`. Pages log their uncaught errors to the test output.
 */
export async function openBrowser(origin: string): Promise<OpenBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'hub-browser-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args,
    baseURL: origin,
    locale: 'zh-CN',
    viewport: { width: 1920, height: 1080 },
  });
  return {
    context,
    async open(path, viewport) {
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
      if (viewport) {
        await page.setViewportSize(viewport);
      }
      await page.goto(path);
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-window screenshot as <dir>/<name>.png (test-artifacts/ unless told) and returns its path. */
export async function screenshot(page: Page, name: string, dir = artifactsDir): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
