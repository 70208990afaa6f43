/**
 * A real Chromium for the browser journeys: playwright-core driving the headless Chromium that the
 * npm package @sparticuz/chromium ships (Playwright's own browser download is not reachable from CI
 * machines). That build carries only Latin fonts, so Chinese would render as boxes: a fontconfig of
 * our own adds Noto Sans SC from @expo-google-fonts/noto-sans-sc (the font the PDF uses), so the
 * screenshots show what a person sees.
 *
 * Screenshots go to test-results/screenshots/ (git-ignored); with UPDATE_SCREENSHOTS=1 also to
 * docs/screenshots/, the images the README shows.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sparticuz from '@sparticuz/chromium';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SCREENSHOT_DIRS = [
  path.join(REPO_ROOT, 'test-results', 'screenshots'),
  ...(process.env.UPDATE_SCREENSHOTS === '1' ? [path.join(REPO_ROOT, 'docs', 'screenshots')] : []),
];

export const DESKTOP = { width: 1366, height: 768 } as const;
export const PHONE = { width: 375, height: 812 } as const;

/** A fontconfig that knows the Chromium package's fonts and Noto Sans SC (regular and bold). */
async function fontConfigDir(): Promise<string> {
  const dir = path.join(os.tmpdir(), 'wangqian-browser-fonts');
  const fonts = path.join(dir, 'fonts');
  await mkdir(fonts, { recursive: true });
  const noto = path.join(REPO_ROOT, 'node_modules', '@expo-google-fonts', 'noto-sans-sc');
  await Promise.all(
    ['400Regular', '700Bold'].map((w) => copyFile(path.join(noto, w, `NotoSansSC_${w}.ttf`), path.join(fonts, `NotoSansSC_${w}.ttf`))),
  );
  await writeFile(
    path.join(dir, 'fonts.conf'),
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${fonts}</dir>
  <dir>${path.join(os.tmpdir(), 'fonts')}</dir>
  <cachedir>${path.join(dir, 'cache')}</cachedir>
</fontconfig>
`,
  );
  return dir;
}

export async function launchBrowser(): Promise<Browser> {
  const [executablePath, fontconfig] = await Promise.all([sparticuz.executablePath(), fontConfigDir()]);
  return chromium.launch({
    executablePath,
    // The package's flags are made for AWS Lambda; --single-process there makes closing a party's
    // context end the whole browser, so the journeys (several contexts in turn) run without it.
    args: sparticuz.args.filter((arg) => arg !== '--single-process'),
    headless: true,
    env: { ...process.env, FONTCONFIG_PATH: fontconfig },
  });
}

/** A fresh context (its own cookies) for one party, Chinese locale, Beijing time zone. */
export async function newParty(browser: Browser, baseURL: string, viewport: { width: number; height: number } = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(viewport.width < 600 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  return { context, page };
}

/** Signs in on the login page as a person does (用户名, 密码, 登录) and waits for the party's home. */
export async function signIn(page: Page, username: string, password: string, { next }: { next?: string } = {}): Promise<void> {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** How far the page itself is wider than the screen (0 when it fits; wide tables scroll in their own box). */
export async function pageOverflow(page: Page): Promise<number> {
  return (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
}

/** A full-page screenshot named `<name>.png` into each screenshot folder. */
export async function screenshot(page: Page, name: string): Promise<void> {
  // Let antd's transitions and web fonts settle, so the picture is what a person sees.
  // (The callback runs in the page, where `document` exists; the test project has no DOM types.)
  await page.evaluate('document.fonts.ready');
  await page.waitForTimeout(300);
  const image = await page.screenshot({ fullPage: true });
  await Promise.all(
    SCREENSHOT_DIRS.map(async (dir) => {
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, `${name}.png`), image);
    }),
  );
}
