/**
 * The HTML report as a person sees it, in headless Chromium (Debian's, installed by .ci/run):
 * the verdict, the counts, the failure with its diff and reproduce command, the lifecycle picture,
 * and a coverage matrix with a row per rule — and nothing fetched from anywhere.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULE_IDS, ROLE_TEMPLATE, type Decision } from '../model/index.ts';
import { conform } from '../conform/run.ts';
import { loadLibrary } from '../conform/selfcheck.ts';
import { ModelTarget } from '../targets/model.ts';
import { REPORTERS } from './index.ts';

const CHROMIUM = process.env['DAPSIM_CHROMIUM'] ?? '/usr/bin/chromium';

/** The reference with LIST-IMPLICIT-HIDDEN broken, so the page has a failure to show. */
class ListsAGroupTooMany extends ModelTarget {
  override async query(actor: string, q: { readonly type: string } & Record<string, unknown>): Promise<Decision<unknown>> {
    const d = await super.query(actor, q);
    if (d.outcome !== 'allowed' || q.type !== 'directoryRoleMembers' || q['roleId'] !== ROLE_TEMPLATE.GlobalAdministrator) return d;
    return { ...d, result: [...(d.result as unknown[]), { id: 'partner-admin-agents', type: 'group', displayName: '<AdminAgents>' }] };
  }
}

describe('the HTML report in Chromium', () => {
  let browser: Browser;
  let file: string;
  beforeAll(async () => {
    const { record } = await conform({ target: new ListsAGroupTooMany(), targetSpec: 'http://broken.example', scenarios: loadLibrary(), seed: 1, runs: 20, batches: 2, shard: { index: 1, count: 1 }, version: 'test' });
    file = join(mkdtempSync(join(tmpdir(), 'dapsim-html-')), 'report.html');
    writeFileSync(file, REPORTERS['html']!.render(record));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the verdict, the counts, the failures with expected vs received and how to reproduce, the lifecycle, and a coverage row per rule; fetches nothing', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(pathToFileURL(file).href);

    expect(await page.title()).toBe('dapsim conform: http://broken.example does not conform');
    const verdict = page.locator('#verdict');
    expect(await verdict.isVisible()).toBe(true);
    expect(await verdict.textContent()).toBe('http://broken.example does not conform');
    // A failing verdict is red: the page says so with colour as well as words.
    expect(await verdict.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color)).toBe('rgb(207, 34, 46)');

    const cards = await page.locator('#summary .card').allInnerTexts();
    expect(cards.map((c) => c.replace(/\s+/g, ' ').trim())).toEqual(expect.arrayContaining([expect.stringMatching(/^\d+ checks$/), expect.stringMatching(/^[1-9]\d* fail$/), '43/43 rules exercised']));

    const failure = page.locator('section.failure').filter({ hasText: 'LIST-IMPLICIT-HIDDEN' }).first();
    expect(await failure.isVisible()).toBe(true);
    const text = await failure.innerText();
    expect(text).toMatch(/- expected: /);
    expect(text).toMatch(/\+ received: .*<AdminAgents>|partner-admin-agents/);
    expect(text).toMatch(/Reproduce with: npx dapsim (run|check) /);
    // The received line is marked as an insertion, on its own line, visibly.
    expect(await failure.locator('.ins').first().isVisible()).toBe(true);

    const svg = page.locator('svg[role="img"]');
    const box = await svg.boundingBox();
    expect(box!.width).toBeGreaterThan(400);
    expect(await svg.locator('title').textContent()).toContain('DAP lifecycle');

    const rows = page.locator('#coverage tbody tr');
    expect(await rows.count()).toBe(RULE_IDS.length);
    expect(await rows.filter({ hasText: 'LIST-IMPLICIT-HIDDEN' }).count()).toBe(1);
    // Every check is listed, and a failing one links to its failure.
    const link = page.locator('#checks a').first();
    await link.click();
    expect(page.url()).toContain('#');

    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
