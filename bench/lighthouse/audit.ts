import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import lighthouse, { desktopConfig, type Result } from 'lighthouse';

/** Debian's Chromium, as the browser tests use it. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Lighthouse's own dependencies: chrome-launcher starts Chromium, puppeteer-core drives the page before the audit. */
const fromLighthouse = createRequire(fileURLToPath(import.meta.resolve('lighthouse')));

interface ChromeLauncher {
  launch(options: { chromePath: string; chromeFlags: string[] }): Promise<{ port: number; kill(): void }>;
}

interface PuppeteerPage {
  goto(url: string): Promise<unknown>;
  waitForSelector(selector: string): Promise<unknown>;
  click(selector: string): Promise<void>;
  waitForFunction(fn: () => boolean): Promise<unknown>;
}

interface Puppeteer {
  connect(options: { browserURL: string; defaultViewport: null }): Promise<{
    newPage(): Promise<PuppeteerPage>;
    disconnect(): Promise<void>;
  }>;
}

async function fromLighthouseImport<T>(name: string): Promise<T> {
  const module = await import(pathToFileURL(fromLighthouse.resolve(name)).href);
  return (module.default ?? module) as T;
}

export type FormFactor = 'mobile' | 'desktop';

export interface AuditTarget {
  /** The page's full URL. */
  readonly url: string;
  /** A demo identity to sign in as on the app's sign-in page before the audit, or nobody. */
  readonly signInAs?: string;
}

/**
 * One Lighthouse run (performance and accessibility) of a page in a Chromium of its own: a fresh
 * profile, so nothing is cached. Mobile is Lighthouse's default (a mid-range phone on slow 4G,
 * simulated), desktop its desktop preset. With `signInAs`, the sign-in page is used first, as a
 * person would; Lighthouse then clears the caches but keeps localStorage (the session).
 */
export async function auditPage(target: AuditTarget, formFactor: FormFactor): Promise<Result> {
  const { launch } = await fromLighthouseImport<ChromeLauncher>('chrome-launcher');
  const puppeteer = await fromLighthouseImport<Puppeteer>('puppeteer-core');
  const chrome = await launch({ chromePath: chromiumPath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  try {
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null });
    try {
      const page = await browser.newPage();
      if (target.signInAs) {
        await page.goto(new URL('/sign-in', target.url).href);
        const user = `[data-user-id="${target.signInAs}"]`;
        await page.waitForSelector(user);
        await page.click(user);
        await page.waitForFunction(() => !location.pathname.startsWith('/sign-in'));
      }
      const flags = { logLevel: 'error' as const, output: 'json' as const, onlyCategories: ['performance', 'accessibility'] };
      const run = await lighthouse(target.url, flags, formFactor === 'desktop' ? desktopConfig : undefined, page as never);
      if (!run) {
        throw new Error(`Lighthouse returned nothing for ${target.url}`);
      }
      return run.lhr;
    } finally {
      await browser.disconnect();
    }
  } finally {
    chrome.kill();
  }
}
