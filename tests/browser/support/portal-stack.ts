/**
 * What every browser journey file starts with: the real stack (Temporal, PostgreSQL, worker) from
 * the shared harness, an API that also serves the built portal, and one Chromium. Each journey
 * then opens its own contexts (newParty), so files and tests share no browser state.
 */
import type { Browser } from 'playwright-core';
import { WEB_DIST } from '../../../launcher/build-web';
import { type Harness, startHarness } from '../../support/harness';
import { launchBrowser } from './browser';

export interface PortalStack {
  h: Harness;
  /** The portal's base URL (same origin as /api). */
  portal: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startPortalStack(): Promise<PortalStack> {
  const [h, browser] = await Promise.all([startHarness(), launchBrowser()]);
  const portal = await h.startApi({ webRoot: WEB_DIST });
  return {
    h,
    portal,
    browser,
    async close() {
      await browser.close();
      await h.close();
    },
  };
}
