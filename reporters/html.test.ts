// report.html: self-contained, escaped, and usable in a real headless browser (filter, expand, copy).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from './html.ts';
import { loadCatalogue } from '../run/catalogue.ts';
import { LEAKED_SECRET, fixture, hostileReport } from '../test/support/report-fixtures.ts';
import type { CheckResult, RunReport } from '../core/result.ts';
import { OPEN_POINTS } from '../spec/catalogue/open-points.ts';
import { UNCHECKED_CLAUSES } from '../emulator/bugs/clauses.ts';

const catalogue = loadCatalogue();
const ARTIFACTS = new URL('../test-artifacts/', import.meta.url).pathname;

describe('report.html as text', () => {
  it('loads nothing from the network: no external scripts, styles, images or fonts', () => {
    const html = render(hostileReport(), { catalogue });
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).toContain("default-src 'none'");
  });

  it('escapes hostile target text everywhere and blanks leaked secrets', () => {
    const html = render(hostileReport(), { catalogue });
    expect(html).not.toContain('<script>window.__pwned');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(html).not.toContain(LEAKED_SECRET);
    expect(html).toContain('AWSSecretKey=«redacted»');
    expect(html.match(/<script>/g)?.length).toBe(1);
  });

  it('lists every catalogue requirement in the matrix', () => {
    const html = render(fixture('passing'), { catalogue });
    for (const req of catalogue) expect(html).toContain(`<code>${req.id}</code>`);
  });
});

describe('report.html in headless chromium', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const dir = mkdtempSync(join(tmpdir(), 'fps-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, render(hostileReport(), { catalogue }));
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // a report opened from disk must not reach the network: fail the test on any non-file request
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
  });

  const visible = (selector: string): Promise<number> => page.locator(`${selector}:visible`).count();

  it('renders the verdict, the score and the failures; hostile text stays inert', async () => {
    expect(await page.title()).toMatch(/^FPS conformance: FAIL/);
    expect(await page.locator('#verdict').textContent()).toBe('FAIL');
    expect(await page.locator('#score').textContent()).toMatch(/^\d+(\.\d)?%/);
    expect(await page.locator('details.failure').count()).toBe(7);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('#shown').textContent()).toMatch(/^\d+ requirements · 21 checks shown$/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png') });
  });

  it('filters by status', async () => {
    await page.click('[data-filter="fail"]');
    const rows = await page.locator('.item:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows)).toEqual(new Set(['fail']));
    expect(await visible('#area-tokens')).toBe(1);
    expect(await visible('#area-marketplace')).toBe(0); // a group with nothing to show is hidden
    await page.click('[data-filter="not-applicable"]');
    expect(await visible('details.failure')).toBe(0);
    expect(await visible('#failures .none-shown')).toBe(1);
    await page.click('[data-filter="all"]');
  });

  it('filters by text, every word must match', async () => {
    await page.fill('#q', 'r-tok-7');
    const ids = await page.locator('.item:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-search') ?? ''));
    expect(ids.length).toBeGreaterThan(1);
    for (const text of ids) expect(text).toContain('r-tok-7');
    await page.fill('#q', 'r-tok-7 month clamping');
    expect(await visible('tr.item[data-kind="req"]')).toBe(1);
    await page.fill('#q', 'no-such-thing-anywhere');
    expect(await visible('.item')).toBe(0);
    expect(await page.locator('#shown').textContent()).toBe('0 requirements · 0 checks shown');
    await page.fill('#q', '');
  });

  it('expands and collapses failures, showing the exchange, the rule and the replay command', async () => {
    const first = page.locator('details.failure').first();
    expect(await first.locator('table.params').isVisible()).toBe(false);
    await page.click('#expand');
    expect(await page.locator('details.failure[open]').count()).toBe(7);
    const tokens = page.locator('details.failure', { hasText: 'tokens/multi-use-month-windows' });
    expect(await tokens.locator('table.params th', { hasText: 'SenderTokenId' }).count()).toBe(2);
    expect(await tokens.locator('.status.s4').first().textContent()).toBe('HTTP 400');
    expect(await tokens.locator('pre.xml').nth(1).textContent()).toContain('\n    <Error>\n      <Code>TokenUsageError</Code>');
    expect(await tokens.locator('.rule').first().textContent()).toContain('R-TOK-7');
    expect(await tokens.locator('.rule .cite').first().textContent()).toContain('fps-rulings.md');
    await tokens.screenshot({ path: join(ARTIFACTS, 'report-failure.png') });
    const copy = tokens.locator('button[data-copy^="replay-"]');
    await copy.click();
    await expect.poll(() => copy.textContent(), { timeout: 3000 }).toBe('Copied');
    expect(await page.evaluate(() => String(window.getSelection()))).toContain('--replay');
    // each exchange of a failing check shows its curl command, with its own copy button
    const curls = tokens.locator('.exchange .replay.curl code');
    expect(await curls.count()).toBe(2);
    expect(await curls.first().textContent()).toMatch(/^curl -sS -i .*Action=Pay/);
    const copyCurl = tokens.locator('.exchange .replay.curl button[data-copy]').first();
    await copyCurl.click();
    await expect.poll(() => copyCurl.textContent(), { timeout: 3000 }).toBe('Copied');
    expect(await page.evaluate(() => String(window.getSelection()))).toMatch(/^curl -sS -i /);
    await page.click('#collapse');
    expect(await page.locator('details.failure[open]').count()).toBe(0);
  });

  it('a link from the requirement matrix opens the failing check', async () => {
    await page.locator('#area-idempotency a[href="#check-idempotency_same-caller-reference-same-answer"]').click();
    expect(await page.locator('#check-idempotency_same-caller-reference-same-answer').getAttribute('open')).not.toBeNull();
  });
});

/** The failing example plus every row kind issue 13 added: unsupported, blocked, open points, unchecked clauses, interrupted. */
function rowsReport(): RunReport {
  const base = fixture('failing');
  const failed = base.checks.find((c) => c.status === 'fail')!;
  const extra: CheckResult[] = [
    { id: 'tokens/sdk-cannot-recurring', suite: 'tokens', title: 'Recurring pipeline through the SDK', requirements: ['PIPELINE-Recurring'], status: 'unsupported', message: 'Recurring: left out of hello.supports.pipelines', durationMs: 0 },
    { id: 'tokens/after-the-failure', suite: 'tokens', title: 'A check the failure stood in the way of', requirements: ['R-TOK-7'], status: 'blocked', blockedBy: [failed.id], message: 'could not be judged', durationMs: 0 },
  ];
  return {
    ...base,
    checks: [...base.checks, ...extra],
    interrupted: { signal: 'SIGINT', at: '2026-11-23T01:02:03.000Z' },
    openPoints: OPEN_POINTS.map((p) => ({ ...p, rules: [...p.rules], cites: [...p.cites], ...(p.accepted ? { accepted: [...p.accepted] } : {}) })),
    uncheckedClauses: UNCHECKED_CLAUSES.map((u) => ({ clause: u.clause, rule: u.rule, reason: u.reason })),
  };
}

describe('report.html in headless chromium: unsupported, blocked, open points, unchecked clauses, interrupted', () => {
  let browser: Browser;
  let page: Page;
  const report = rowsReport();

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    const file = join(mkdtempSync(join(tmpdir(), 'fps-html-rows-')), 'report.html');
    writeFileSync(file, render(report, { catalogue }));
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(file).href);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('says the run was interrupted, and counts blocked and unsupported checks in the header', async () => {
    expect(await page.locator('#interrupted').isVisible()).toBe(true);
    expect(await page.locator('#interrupted').textContent()).toMatch(/^Interrupted by SIGINT at 2026-11-23T01:02:03\.000Z: partial results/);
    const meta = (await page.locator('header .meta').textContent()) ?? '';
    expect(meta).toContain('1 blocked');
    expect(meta).toContain('1 not supported by the SDK');
  });

  it('filters to the blocked row (naming what blocked it) and to the unsupported row, each with a styled badge', async () => {
    for (const [status, id, text] of [['blocked', 'tokens/after-the-failure', `blocked by ${report.checks.find((c) => c.status === 'fail')!.id}`], ['unsupported', 'tokens/sdk-cannot-recurring', 'left out of hello.supports.pipelines']] as const) {
      await page.click(`[data-filter="${status}"]`);
      const rows = page.locator('tr.item[data-kind="check"]:visible');
      expect(await rows.count(), status).toBe(1);
      expect(await rows.first().textContent()).toContain(id);
      expect(await rows.first().textContent()).toContain(text);
      const badge = rows.first().locator(`.badge.${status}`);
      expect(await badge.textContent()).toBe(status);
      // a badge of its own, not the unstyled default
      expect(await badge.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    }
    await page.click('[data-filter="all"]');
  });

  it('lists every open point and every unchecked clause with its reason', async () => {
    expect(report.openPoints!.length).toBeGreaterThan(0);
    expect(report.uncheckedClauses!.length).toBeGreaterThan(0);
    expect(await page.locator('#open-points').isVisible()).toBe(true);
    expect(await page.locator('#open-points tbody tr').count()).toBe(report.openPoints!.length);
    expect(await page.locator('#open-points h2').textContent()).toBe(`Open points the kit does not judge (${report.openPoints!.length})`);
    expect(await page.locator('#unchecked-clauses').isVisible()).toBe(true);
    expect(await page.locator('#unchecked-clauses tbody tr').count()).toBe(report.uncheckedClauses!.length);
    const first = report.uncheckedClauses![0]!;
    const row = page.locator('#unchecked-clauses tbody tr').first();
    expect(await row.locator('td').nth(1).textContent()).toBe(first.clause);
    expect(await row.locator('td').nth(2).textContent()).toBe(first.reason);
  });
});
