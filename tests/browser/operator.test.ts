/**
 * The operator's path in a real Chromium, as README "Reading plaintext in the UI" tells it: the
 * Temporal Web UI of a dev server started by the launcher's own code (launcher/temporal-dev-server.ts,
 * codec endpoint = the API's /codec, so the UI goes through the settings proxy), the API and worker on
 * that server, an operator account, and a signing with Chinese names whose employer has a webhook (so
 * notification workflows are in the list too).
 *
 * Followed step by step: open the signings list by the documented query and save it as a view; open
 * the signing — before signing in it shows ciphertext and the UI's banner says where to sign in, and
 * its decode calls (reloaded several times, far more than the failed-login limit) do not lock the
 * operator out; follow the banner's link, answer the browser's login prompt with the operator login;
 * reload — the decoded Chinese is on the page, in the input and under User Metadata.
 *
 * The browser's login prompt is answered only in the tab the banner's link opens (answerLoginPrompts);
 * nobody answers for the UI's own tab, whose decode calls stay credential-less until then.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOperator, parseOperatorArgs } from '../../scripts/create-operator';
import { freePort } from '../../launcher/processes';
import { type TemporalDevServerHandle, startTemporalDevServer } from '../../launcher/temporal-dev-server';
import { CODEC_SIGN_IN_HINT } from '../../launcher/temporal-ui-settings-proxy';
import { signingWorkflowId } from '../../workflows/messages';
import { SIGNINGS_LIST_QUERY } from '../../workflows/search-attributes';
import { type Parties, newParties } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';
import { sampleApplication, sampleEmployerSign } from '../support/sample-data';
import { type WebhookReceiver, startWebhookReceiver } from '../support/webhook-receiver';
import { DESKTOP, launchBrowser, screenshot } from './support/browser';

const OPERATOR_PASSWORD = 'Operator-pass-2026';

let dataDir: string;
let temporal: TemporalDevServerHandle;
let h: Harness;
let api: string;
let browser: Browser;
let receiver: WebhookReceiver;
let p: Parties;
let operator: string;
let workflowId: string;
const tag = randomUUID().slice(0, 6);
const employerName = `沪上星辰科技有限公司${tag}`;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'wangqian-operator-'));
  const [port, uiPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  // As `npm start` does: the UI's codec is the API's /codec, and the API admits the UI's origin.
  temporal = await startTemporalDevServer({ dataDir, port, uiPort, namespace: 'default', uiCodecEndpoint: `http://127.0.0.1:${apiPort}/codec` });
  h = await startHarness({ temporalAddress: temporal.address, codecUiOrigins: [temporal.uiUrl] });
  api = await h.startApi({ port: apiPort });
  browser = await launchBrowser();

  // An operator, as `npm run operator:create -- --username … --password-stdin` makes one.
  operator = `ops${tag}`;
  const args = parseOperatorArgs(['--username', operator, '--name', '值班运维', '--password-stdin']);
  if (args === 'help') throw new Error('unexpected help');
  await createOperator(inject('databaseUrl'), args, OPERATOR_PASSWORD);

  // A signing with Chinese names; the employer's webhook makes each event a notification workflow.
  p = await newParties(h);
  receiver = await startWebhookReceiver();
  const hook = await p.employer.post('/api/webhooks', { url: receiver.url, description: '运维测试' });
  expect(hook.status, JSON.stringify(hook.body)).toBe(201);
  receiver.secret = hook.body.secret;
  const application = sampleApplication(p.world.employer.creditCode);
  const created = await p.student.post('/api/signings', { ...application, employer: { ...application.employer, name: employerName } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const signed = await p.employer.post(`/api/signings/${created.body.id}/employer-sign`, sampleEmployerSign());
  expect(signed.status, JSON.stringify(signed.body)).toBe(200);
  workflowId = signingWorkflowId(created.body.id);
  // The notification workflows are listed by the time the operator looks.
  const deadline = Date.now() + 30_000;
  while ((await h.client.workflow.count('WorkflowType = "deliverNotificationsWorkflow"')).count === 0) {
    if (Date.now() > deadline) throw new Error('no notification workflow after 30 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await h?.close();
  await temporal?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/**
 * A person at `page` answering the browser's login prompt (HTTP auth challenge) with a login: a
 * headless Chromium shows no prompt, so it is answered through the DevTools protocol, for this tab
 * only. Returns the URLs that asked.
 */
async function answerLoginPrompts(page: Page, username: string, password: string): Promise<string[]> {
  const asked: string[] = [];
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Fetch.requestPaused', (e: { requestId: string }) => void cdp.send('Fetch.continueRequest', { requestId: e.requestId }).catch(() => undefined));
  cdp.on('Fetch.authRequired', (e: { requestId: string; request: { url: string } }) => {
    asked.push(e.request.url);
    void cdp
      .send('Fetch.continueWithAuth', { requestId: e.requestId, authChallengeResponse: { response: 'ProvideCredentials', username, password } })
      .catch(() => undefined);
  });
  await cdp.send('Fetch.enable', { handleAuthRequests: true, patterns: [{ urlPattern: '*' }] });
  return asked;
}

/** The workflow ids in the list page's rows. */
async function listedIds(page: Page): Promise<string[]> {
  await page.getByText(workflowId).first().waitFor();
  const text = await page.locator('main').innerText();
  return [...new Set(text.match(/\b(signing|notify)-[0-9a-f.-]+/g) ?? [])];
}

describe('the operator path in the Temporal UI', () => {
  it('follows the README: signings list, a signing in ciphertext that says where to sign in, sign in once, decoded Chinese', async () => {
    const context = await browser.newContext({
      baseURL: temporal.uiUrl,
      viewport: DESKTOP,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    context.setDefaultTimeout(30_000);
    const codecAnswers: Response[] = [];
    context.on('response', (r) => {
      if (r.url().startsWith(`${api}/codec/decode`)) codecAnswers.push(r);
    });
    const page = await context.newPage();

    // Step 1: the signings list — the documented query, then kept as a saved view.
    await page.goto('/namespaces/default/workflows');
    expect((await listedIds(page)).some((id) => id.startsWith('notify-')), 'the default list holds the notification workflows').toBe(true);
    await page.goto(`/namespaces/default/workflows?query=${encodeURIComponent(SIGNINGS_LIST_QUERY)}`);
    expect(await listedIds(page)).toEqual([workflowId]);
    await page.getByRole('button', { name: 'Save as New' }).click();
    // View names take only ASCII letters, digits, spaces, -, _ and .
    await page.getByRole('textbox', { name: 'Name' }).fill('signings');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.goto('/namespaces/default/workflows');
    await page.getByRole('button', { name: /Saved Views/ }).click();
    await page.getByText('signings', { exact: true }).click();
    expect(await listedIds(page)).toEqual([workflowId]);
    await screenshot(page, 'operator-signings-list');

    // Step 2: open the signing. Not signed in yet: ciphertext, and the banner naming the sign-in page.
    await page.getByRole('link', { name: workflowId }).click();
    await page.waitForURL(new RegExp(`/workflows/${workflowId}/`));
    const banner = page.getByText(CODEC_SIGN_IN_HINT);
    await banner.waitFor();
    const signInLink = page.getByRole('link', { name: `${api}/codec/login` });
    expect(await signInLink.getAttribute('href')).toBe(`${api}/codec/login`);
    expect(await page.getByText(employerName).count()).toBe(0);
    await screenshot(page, 'operator-before-sign-in');
    // Looked at again and again before signing in: some 30+ credential-less decode calls, all 401, none 429.
    for (let i = 0; i < 3; i++) {
      await page.reload();
      await banner.waitFor();
    }
    await expect.poll(() => codecAnswers.length).toBeGreaterThan(20);
    expect(new Set(codecAnswers.map((r) => r.status()))).toEqual(new Set([401]));

    // Step 3: the banner's link (it opens a new tab); the browser asks for a login there, and the
    // operator types the operator login into its prompt.
    expect(await signInLink.getAttribute('target')).toBe('_blank');
    const signInTab = await context.newPage();
    const prompts = await answerLoginPrompts(signInTab, operator, OPERATOR_PASSWORD);
    await signInTab.goto((await signInLink.getAttribute('href'))!);
    await signInTab.getByRole('heading', { name: '已以运维账号登录 codec' }).waitFor();
    expect(prompts).toEqual([`${api}/codec/login`]);
    expect(await signInTab.getByText('运维人员：值班运维').count()).toBe(1);
    await screenshot(signInTab, 'operator-codec-signed-in');
    await signInTab.close();

    // Step 4: back in the UI, reload: the payloads are decoded.
    const before = codecAnswers.length;
    await page.reload();
    await page.getByText(employerName).first().waitFor();
    expect(await banner.count()).toBe(0);
    await screenshot(page, 'operator-decoded');
    const after = codecAnswers.slice(before);
    expect(after.length).toBeGreaterThan(0);
    expect(new Set(after.map((r) => r.status()))).toEqual(new Set([200]));

    // The summary and details are under the User Metadata tab (not at the top of the page).
    // Each is rendered as Markdown in a frame of its own: Summary, Details, Current Details.
    await page.getByRole('tab', { name: 'User Metadata' }).click();
    const frames = page.frameLocator('iframe');
    await frames.nth(0).getByText(new RegExp(`^网上签约 \\d{4}-${p.world.schoolCode}-\\d{6} · 学校 ${p.world.schoolCode} · 单位 ${p.world.employer.creditCode}$`)).waitFor();
    await frames.nth(1).getByText(/^协议书编号：\d{4}-/).waitFor();
    await frames.nth(1).getByText(`学校代码：${p.world.schoolCode}`).waitFor();
    await frames.nth(2).getByText(/^当前状态：待学生确认；等待学生办理，截止 /).waitFor();
    await screenshot(page, 'operator-user-metadata');
    await context.close();
  }, 180_000);
});
