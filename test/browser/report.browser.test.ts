import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/formats/html.js';
import { loadFixture } from '../report/helpers.js';

const XSS = '<img src=x onerror=alert(1)>';
const SCREENSHOT = join(process.cwd(), '.tmp', 'report.png');
const SCREENSHOT_DETAILS = join(process.cwd(), '.tmp', 'report-details.png');

let server: Server;
let browser: Browser;
let page: Page;
let url: string;
const consoleErrors: string[] = [];
const requests: string[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  const html = renderHtml(loadFixture());
  server = createServer((req, res) => {
    if (req.url === '/report.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    } else {
      res.writeHead(404).end();
    }
  });
  // Never outlive the test run, even if afterAll does not get to close it.
  server.unref();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/report.html`;
  // launch() gives the browser a fresh temporary profile of its own.
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 30_000,
  });
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  // Collects CSP violations the page itself sees (init scripts are not subject to the page's CSP).
  await page.addInitScript(
    "window.__csp = []; document.addEventListener('securitypolicyviolation', function (e) { window.__csp.push(e.violatedDirective + ' ' + e.blockedURI); });",
  );
  await page.goto(url, { waitUntil: 'load' });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

const visibleRows = () => page.locator('#findings-body tr[data-i]:visible').count();

describe('report.html in Chromium', () => {
  it('runs its script under the CSP without errors or violations', async () => {
    expect(await page.locator('#filters').isVisible()).toBe(true);
    expect(await page.evaluate('window.__csp')).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([url]);
  });

  it('shows every finding, then filters by severity and by free text', async () => {
    const total = loadFixture().findings.length;
    expect(await visibleRows()).toBe(total);
    await page.selectOption('#f-severity', 'critical');
    expect(await visibleRows()).toBe(2);
    expect(await page.locator('#shown-count').textContent()).toBe('2');
    await page.selectOption('#f-severity', '');
    await page.fill('#f-text', 'calc');
    expect(await visibleRows()).toBe(1);
    await page.fill('#f-text', 'no such thing anywhere');
    expect(await visibleRows()).toBe(0);
    expect(await page.locator('#no-match').isVisible()).toBe(true);
    await page.fill('#f-text', '');
    await page.selectOption('#f-status', 'suppressed');
    expect(await visibleRows()).toBe(2);
    await page.selectOption('#f-status', '');
    expect(await visibleRows()).toBe(total);
  });

  it('sorts by a column in both directions', async () => {
    const firstAccount = () =>
      page.locator('#findings-body tr[data-i] >> nth=0 >> td >> nth=3').textContent();
    const accountHeader = page.locator('#findings th[data-key="account"] button');
    await accountHeader.click();
    expect(await firstAccount()).toBe('111111111111');
    expect(await page.locator('#findings th[data-key="account"]').getAttribute('aria-sort')).toBe(
      'ascending',
    );
    await accountHeader.click();
    expect(await firstAccount()).toBe('222222222222');
    await page.locator('#findings th[data-key="cost"] button').click();
    expect(await page.locator('#findings-body tr[data-i] >> nth=0 >> td >> nth=7').textContent()).toBe(
      '$12.50',
    );
  });

  it('opens the details of a finding as a full-width row under it', async () => {
    const row = page.locator('#findings-body tr.f', { hasText: 'golden-web' });
    const detail = page.locator('#findings-body tr.detail', { hasText: 'a1b2c3d4e5f60718' });
    expect(await detail.isVisible()).toBe(false);
    const messageWidth = () => row.locator('td.msg').evaluate((td) => td.getBoundingClientRect().width);
    const closedWidth = await messageWidth();
    await row.locator('details summary').click();
    expect(await detail.isVisible()).toBe(true);
    // The script's fallback for browsers without :has() marks the row too.
    await expect.poll(() => row.getAttribute('class')).toBe('f open');
    // The details row spans the table and sits right below its finding; the Message column keeps its width.
    const [tableBox, detailBox, rowBox] = await Promise.all([
      page.locator('#findings').boundingBox(),
      detail.locator('td').boundingBox(),
      row.boundingBox(),
    ]);
    expect(detailBox!.width).toBeGreaterThan(tableBox!.width * 0.95);
    expect(Math.abs(detailBox!.y - (rowBox!.y + rowBox!.height))).toBeLessThan(2);
    expect(await messageWidth()).toBeGreaterThan(closedWidth * 0.9);
    expect(await messageWidth()).toBeGreaterThan(200);
    await row.locator('details summary').click();
    // The toggle event (which clears the fallback class) is dispatched asynchronously.
    await detail.waitFor({ state: 'hidden', timeout: 2_000 });
  });

  it('hides and moves the details row together with its finding', async () => {
    // Each finding row's toggle names the details row that must follow it.
    const pairs = () =>
      page.evaluate(
        "Array.from(document.querySelectorAll('#findings-body tr.f')).map(function (tr) { return { summary: tr.querySelector('summary').getAttribute('aria-controls'), next: tr.nextElementSibling && tr.nextElementSibling.id }; })",
      ) as Promise<Array<{ summary: string; next: string }>>;
    const row = page.locator('#findings-body tr.f', { hasText: 'golden-web' });
    const detail = page.locator('#findings-body tr.detail', { hasText: 'a1b2c3d4e5f60718' });
    await row.locator('details summary').click();
    await page.locator('#findings th[data-key="region"] button').click();
    await page.locator('#findings th[data-key="resource"] button').click();
    const after = await pairs();
    expect(after.length).toBe(loadFixture().findings.length);
    for (const p of after) expect(p.next).toBe(p.summary);
    expect(await detail.isVisible()).toBe(true);
    await page.selectOption('#f-severity', 'low');
    expect(await detail.isVisible()).toBe(false);
    expect(await page.locator('#findings-body tr.detail:visible').count()).toBe(0);
    await page.selectOption('#f-severity', '');
    expect(await detail.isVisible()).toBe(true);
  });

  it('renders the hostile tag value as inert text', async () => {
    expect(await page.locator('#findings-body').textContent()).toContain(XSS);
    expect(await page.evaluate('document.querySelectorAll("img").length')).toBe(0);
    expect(await page.evaluate('document.querySelectorAll("script").length')).toBe(2);
    expect(dialogs).toEqual([]);
  });

  it('hides the filters when printed', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('#filters').isVisible()).toBe(false);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('takes a screenshot for a human to look at', async () => {
    mkdirSync(join(process.cwd(), '.tmp'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    // The findings table with one finding's details open (left open by the tests above).
    await page.locator('#findings').screenshot({ path: SCREENSHOT_DETAILS });
    expect(consoleErrors).toEqual([]);
  });
});
