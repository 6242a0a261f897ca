import { describe, expect, it } from 'vitest';
import { REPORTERS, recordProblems, summarise, type Check, type RunRecord } from './index.ts';
import { clean } from './reporters/text.ts';

const RULES = [
  { rule: 'CONSENT-REQUIRED', area: 'offers-and-consent', statement: 'No access without consent.' },
  { rule: 'LIST-IMPLICIT-HIDDEN', area: 'what-listings-show', statement: 'Implicit roles are not listed.' },
];

function check(over: Partial<Check>): Check {
  return { id: 'scenario:scenarios/x.yaml', kind: 'scenario', title: 'x', verdict: 'pass', rules: ['CONSENT-REQUIRED'], reproduce: 'npx dapsim run scenarios/x.yaml', stepCount: 1, ruleSteps: { 'CONSENT-REQUIRED': 1 }, durationMs: 5, ...over };
}

function record(checks: Check[]): RunRecord {
  return { tool: { name: 'dapsim', version: '0.1.0', node: 'v20' }, target: 'model', profile: 'per-scenario', compare: 'decisions', seed: 1, shard: { index: 1, count: 1 },
    startedAt: '2026-11-21T08:00:00.000Z', finishedAt: '2026-11-21T08:00:01.000Z', durationMs: 1000, ...summarise(checks, RULES), checks };
}

// A target may answer anything: control characters, markup, lone surrogates.
const NASTY = 'got <b>"x"</b> & \u0007bell\u0000nul \ud800lone |pipe|\nnewline';
const failing = record([
  check({}),
  check({ id: 'property:batch-1', kind: 'property', title: 'generated sequences, batch 1', verdict: 'fail', rules: ['LIST-IMPLICIT-HIDDEN'], expected: '["c1-ga"]', received: NASTY, message: 'step 2', reproduce: "npx dapsim check --seed 1000 --path '1:2'", ruleSteps: { 'LIST-IMPLICIT-HIDDEN': 3 } }),
]);

describe('the run record and its reporters', () => {
  it('summarise: verdict, counts, and the rules no step exercised', () => {
    expect(failing.summary).toEqual({ verdict: 'fail', checks: 2, pass: 1, fail: 1, error: 0, uncovered: [] });
    expect(record([check({})]).summary.uncovered).toEqual(['LIST-IMPLICIT-HIDDEN']);
    expect(record([check({ verdict: 'error' })]).summary.verdict).toBe('error');
    expect(failing.coverage).toEqual([{ ...RULES[0], scenarioSteps: 1, propertySteps: 0 }, { ...RULES[1], scenarioSteps: 0, propertySteps: 3 }]);
  });

  it('the schema accepts a record and names what is wrong with a broken one', () => {
    expect(recordProblems(failing)).toBeUndefined();
    expect(recordProblems({ ...failing, seed: -1 })).toMatch(/^\/seed: /);
    expect(recordProblems({ ...failing, checks: [{ ...failing.checks[0], verdict: 'maybe' }] })).toMatch(/\/checks\/0\/verdict/);
  });

  it('JUnit XML: escaped, control characters stripped, a failure element with expected, received and the reproduce command', () => {
    const xml = REPORTERS['junit']!.render(failing);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(xml).toContain('tests="2" failures="1" errors="0"');
    expect(xml).toMatch(/<failure message="step 2" type="nonconformance">[^<]*received: got &lt;b&gt;&quot;x&quot;&lt;\/b&gt; &amp; bellnul lone \|pipe\|\nnewline/);
    expect(xml).toContain('reproduce with: npx dapsim check --seed 1000 --path &apos;1:2&apos;');
    // No character XML 1.0 forbids.
    expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(xml)).toBe(false);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(xml)).toBe(false);
    // Balanced: every testcase closes.
    expect(xml.match(/<testcase /g)!.length).toBe(xml.match(/<\/testcase>/g)!.length);
  });

  it('Markdown: verdict, the failure as a diff with the reproduce command, the coverage table; table cells stay one row', () => {
    const md = REPORTERS['markdown']!.render(failing);
    expect(md).toContain('# dapsim conform: ❌ does not conform');
    expect(md).toContain("Reproduce with: `npx dapsim check --seed 1000 --path '1:2'`");
    expect(md).toContain('- expected: ["c1-ga"]');
    expect(md).toContain('| `LIST-IMPLICIT-HIDDEN` | what-listings-show | 0 | 3 |');
    expect(md.length).toBeLessThan(1024 * 1024);
  });

  it('HTML: one self-contained page with the verdict, the failure, the coverage matrix and the lifecycle picture; nothing fetched, no script', () => {
    const page = REPORTERS['html']!.render(failing);
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('id="verdict" class="fail">model does not conform');
    expect(page).toContain('id="coverage"');
    expect(page).toContain('<svg role="img"');
    expect(page).toContain('got &lt;b&gt;');
    expect(page).not.toMatch(/<script|src=|href="http/);
  });

  it('an outcomes-only run says so in every report a person reads, so its pass is not taken for a full one', () => {
    const lenient = { ...record([check({})]), compare: 'outcomes' as const };
    expect(recordProblems(lenient)).toBeUndefined();
    expect(recordProblems({ ...lenient, compare: 'vibes' as never })).toMatch(/\/compare/);
    expect(REPORTERS['console']!.render(lenient)).toContain('Outcomes only (--compare outcomes): refusal codes and rule IDs were not compared.');
    expect(REPORTERS['markdown']!.render(lenient)).toContain('**outcomes only** (refusal codes and rule IDs not compared)');
    expect(REPORTERS['html']!.render(lenient)).toContain('<strong>outcomes only</strong>');
    expect(REPORTERS['markdown']!.render(record([check({})]))).not.toContain('outcomes only');
  });

  it('clean keeps text, tabs, newlines and surrogate pairs', () => {
    expect(clean('a\tb\nc 😀')).toBe('a\tb\nc 😀');
  });
});
