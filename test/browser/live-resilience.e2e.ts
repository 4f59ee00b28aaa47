import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { demo } from '@hub/contracts';
import type { RunningStack } from '@hub/testkit';
import { ensureWebBuilt } from '@hub/web/ensure-built';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub } from '../support/hub.ts';
import { CommitmentDesk, dayFromToday, people, signIn, sql, untilListed } from '../support/publishing.ts';
import { type OpenBrowser, openBrowser, screenshot } from './support/chromium.ts';

/** The hub's gateway port; its subgraphs take the next five, its PostgreSQL 14500. */
const port = 4500;
const origin = `http://127.0.0.1:${port}`;
const alliance = demo.alliances.highway;
// The list board only, its pages turning every 2 s: a row looked for by its title shows soon, whichever page it is on.
const wallPath = `/wall/${alliance}?board=list&rotate=2`;

/**
 * A TCP proxy in front of the gateway that can fail the way networks do: `blackhole()` stops
 * forwarding on every connection, new ones included, without closing anything (no FIN, as when
 * a route dies); `cut()` closes every connection and refuses new ones; `restore()` lets new
 * connections through again and resets the black-holed ones, as their peers would once the
 * route is back.
 */
interface FlakyProxy {
  readonly origin: string;
  blackhole(): void;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

async function startProxy(target: number): Promise<FlakyProxy> {
  let mode: 'forward' | 'blackhole' | 'refuse' = 'forward';
  const pairs = new Set<{ client: Socket; upstream: Socket; dead: boolean }>();
  const server: Server = createServer((client) => {
    if (mode === 'refuse') {
      client.destroy();
      return;
    }
    const upstream = tcpConnect(target, '127.0.0.1');
    const pair = { client, upstream, dead: mode === 'blackhole' };
    pairs.add(pair);
    const forward = (to: Socket) => (chunk: Buffer) => {
      if (!pair.dead) {
        to.write(chunk);
      }
    };
    client.on('data', forward(upstream));
    upstream.on('data', forward(client));
    upstream.on('close', () => {
      // A dead route tells the browser nothing, not even that the gateway closed its side.
      if (!pair.dead) {
        client.destroy();
      }
    });
    client.on('close', () => {
      upstream.destroy();
      pairs.delete(pair);
    });
    client.on('error', () => client.destroy());
    upstream.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: proxyPort } = server.address() as { port: number };
  const destroyAll = () => {
    for (const pair of pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
  };
  return {
    origin: `http://127.0.0.1:${proxyPort}`,
    blackhole() {
      mode = 'blackhole';
      for (const pair of pairs) {
        pair.dead = true;
      }
    },
    cut() {
      mode = 'refuse';
      destroyAll();
    },
    restore() {
      mode = 'forward';
      for (const pair of pairs) {
        if (pair.dead) {
          pair.client.destroy();
          pair.upstream.destroy();
        }
      }
    },
    async close() {
      destroyAll();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('the wall never silently shows stale data', () => {
  let stack: RunningStack;
  let browser: OpenBrowser;
  let proxy: FlakyProxy;
  let editor: CommitmentDesk;
  let published = 0;

  beforeAll(async () => {
    const webDist = await ensureWebBuilt();
    stack = await startTestHub(port, { databasePrefix: 'hub_browser_live_', webDist });
    browser = await openBrowser(origin);
    proxy = await startProxy(port);
    editor = new CommitmentDesk(await signIn(stack.gatewayUrl, people.wideningEditor), 'ENTERPRISE');
  });

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await stack?.stop();
  });

  /** Publishes a commitment through the gateway as a partner editor; resolves once the joint list has it. */
  async function publish(what: string): Promise<string> {
    published += 1;
    const title = `${what}（断线测试 ${published}）`;
    const item = await editor.publishNew(alliance, { title, category: 'SHARED_RESPONSIBILITY', dueDate: dayFromToday(90) });
    await untilListed(editor.caller, alliance, item.id);
    return title;
  }

  /** Opens the wall (through `base`, the gateway by default), waits until it is live and marks the window. */
  async function openWall(base = origin): Promise<Page> {
    const wall = await browser.open(`${base}${wallPath}`);
    await wall.locator('[data-testid="joint-list"] li').first().waitFor();
    await status(wall, 'connected');
    await wall.evaluate(() => {
      (window as unknown as { loadedOnce: boolean }).loadedOnce = true;
    });
    return wall;
  }

  /** Waits until the indicator (an accessible status) is in state `value`. */
  function status(wall: Page, value: string, timeout = 30_000): Promise<void> {
    return wall
      .getByRole('status')
      .and(wall.locator(`[data-live-status="${value}"]`))
      .waitFor({ timeout });
  }

  function statusNow(wall: Page): Promise<string | null> {
    return wall.getByRole('status').getAttribute('data-live-status');
  }

  /** The wall shows `title` on its joint list, without having been reloaded. */
  async function shows(wall: Page, title: string, timeout = 30_000): Promise<void> {
    await wall.locator('.joint-item', { hasText: title }).waitFor({ timeout });
    expect(await wall.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
  }

  /** The list's count in the wall's header ("共 17 项"). */
  function listedOn(wall: Page): Promise<string> {
    return wall.getByTestId('joint-list-count').innerText();
  }

  /**
   * The wall has not received `title`: not on the list's page showing, and the list's count is
   * still `listedBefore` (the page in view is one of several, the count covers them all).
   */
  async function hasNot(wall: Page, title: string, listedBefore: string): Promise<void> {
    expect(await wall.locator('.joint-item', { hasText: title }).count()).toBe(0);
    expect(await listedOn(wall)).toBe(listedBefore);
  }

  /** Screenshots of the indicator in its present state, on a wall screen and on a phone. */
  async function shoot(wall: Page, state: string): Promise<void> {
    await screenshot(wall, `live-${state}-1920x1080`);
    await wall.setViewportSize({ width: 390, height: 844 });
    await screenshot(wall, `live-${state}-390x844`);
    await wall.setViewportSize({ width: 1920, height: 1080 });
  }

  it('turns the indicator to offline at once, and catches up without a reload when the network is back', async () => {
    // Notes when the page opens each WebSocket, to know where its backoff stands.
    await browser.context.addInitScript(() => {
      const opened: number[] = [];
      const Native = window.WebSocket;
      (window as unknown as { socketsOpenedAt: number[] }).socketsOpenedAt = opened;
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          opened.push(performance.now());
          super(url, protocols);
        }
      };
    });
    const wall = await openWall();
    await shoot(wall, 'connected');
    await shows(wall, await publish('上线前的一条'));

    await browser.context.setOffline(true);
    await status(wall, 'offline', 2000);
    expect(await wall.getByRole('status').innerText()).toBe('网络已断开，等待恢复');
    await shoot(wall, 'offline');
    const listed = await listedOn(wall);
    const missed = await publish('离线期间发布');
    // Offline until the wall's failed attempts are 8 s apart: its next timed attempt is 15 s away.
    await wall.waitForFunction(
      () => {
        const [before, last] = (window as unknown as { socketsOpenedAt: number[] }).socketsOpenedAt.slice(-2);
        return before !== undefined && last !== undefined && last - before >= 7500;
      },
      undefined,
      { timeout: 40_000, polling: 100 },
    );
    await hasNot(wall, missed, listed);
    expect(await statusNow(wall)).toBe('offline');

    const back = Date.now();
    await browser.context.setOffline(false);
    await shows(wall, missed, 30_000);
    // Caught up on the browser's `online` event, well before that timed attempt.
    expect(Date.now() - back).toBeLessThan(10_000);
    await status(wall, 'connected');
    await wall.close();
  });

  it('notices a black-holed connection within 30 s and catches up once the route is back', async () => {
    const wall = await openWall(proxy.origin);
    proxy.blackhole();
    const lost = Date.now();
    await wall.getByRole('status').and(wall.locator(':not([data-live-status="connected"])')).waitFor({ timeout: 30_000 });
    expect(Date.now() - lost).toBeLessThan(30_000);
    expect(await statusNow(wall)).toBe('reconnecting');
    await shoot(wall, 'reconnecting');
    const listed = await listedOn(wall);
    const missed = await publish('线路中断期间发布');
    await hasNot(wall, missed, listed);

    proxy.restore();
    await shows(wall, missed, 40_000);
    await status(wall, 'connected');
    await wall.close();
  });

  it('gets a change published while its connection was down even before it received any event', async () => {
    const wall = await openWall(proxy.origin);
    expect(await wall.locator('.feed__entry--live').count()).toBe(0);
    proxy.cut();
    await status(wall, 'reconnecting');
    const listed = await listedOn(wall);
    const missed = await publish('首个事件前断线期间发布');
    await hasNot(wall, missed, listed);

    proxy.restore();
    await shows(wall, missed);
    await status(wall, 'connected');
    await wall.close();
  });

  it('reloads its data, showing so, when what it missed can no longer be replayed, then follows live again', async () => {
    const wall = await openWall();
    await browser.context.setOffline(true);
    await status(wall, 'offline', 2000);
    const listed = await listedOn(wall);
    const missed = await publish('游标过期期间发布');
    await hasNot(wall, missed, listed);
    // The alliance prunes the events the wall would resume from: its cursor has expired.
    await sql(
      stack.databaseUrls.alliance,
      'update event_retention set pruned_through = (select max(seq) from alliance_event) where id = 1',
    );
    // Hold the reload's answer back a moment, to see (and photograph) the wall saying it reloads.
    await wall.route('**/graphql', async (route) => {
      if (route.request().postData()?.includes('query Dashboard')) {
        await new Promise((resolve) => setTimeout(resolve, 3000));
      }
      await route.continue();
    });

    await browser.context.setOffline(false);
    await status(wall, 'reloading', 10_000);
    expect(await wall.getByRole('status').innerText()).toBe('正在重新加载数据…');
    await shoot(wall, 'reloading');
    await shows(wall, missed);
    await status(wall, 'connected');
    await wall.unroute('**/graphql');

    await shows(wall, await publish('重新加载之后发布'), 15_000);
    await wall.close();
  });
});
