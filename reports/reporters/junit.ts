/**
 * JUnit XML as CI systems read it (GitHub, GitLab, Jenkins, Azure Pipelines): one testsuite for the
 * scenarios and one for the property runs, a testcase per check, its rule IDs as properties, a
 * failure or error element with expected, received and the command that reproduces it.
 */
import type { Check, RunRecord } from '../record.ts';
import { escapeXml as x, seconds } from './text.ts';

function testcase(c: Check): string {
  const classname = c.kind === 'scenario' ? `scenarios.${(c.file ?? '').replace(/^scenarios\//, '').replace(/\/[^/]*$/, '').replace(/\//g, '.') || 'scenarios'}` : 'properties';
  const props = c.rules.length > 0 ? `\n      <properties>${c.rules.map((r) => `\n        <property name="rule" value="${x(r)}"/>`).join('')}\n      </properties>` : '';
  const detail = [c.message, c.expected !== undefined ? `expected: ${c.expected}` : undefined, c.received !== undefined ? `received: ${c.received}` : undefined, `rules: ${c.rules.join(', ') || '(none)'}`, `reproduce with: ${c.reproduce}`]
    .filter((l): l is string => l !== undefined).join('\n');
  const outcome = c.verdict === 'fail' ? `\n      <failure message="${x(c.message ?? 'nonconformance')}" type="nonconformance">${x(detail)}</failure>`
    : c.verdict === 'error' ? `\n      <error message="${x(c.message ?? 'could not test')}" type="error">${x(detail)}</error>` : '';
  return `    <testcase classname="${x(classname)}" name="${x(c.title)}" time="${seconds(c.durationMs)}">${props}${outcome}\n    </testcase>`;
}

function suite(name: string, checks: readonly Check[], timestamp: string): string {
  const count = (v: string) => checks.filter((c) => c.verdict === v).length;
  const time = seconds(checks.reduce((n, c) => n + c.durationMs, 0));
  return `  <testsuite name="${x(name)}" tests="${checks.length}" failures="${count('fail')}" errors="${count('error')}" skipped="0" time="${time}" timestamp="${x(timestamp.replace(/Z$/, ''))}">\n${checks.map(testcase).join('\n')}\n  </testsuite>`;
}

export const junit = {
  name: 'junit',
  file: 'junit.xml',
  render: (r: RunRecord): string => {
    const scenarios = r.checks.filter((c) => c.kind === 'scenario');
    const properties = r.checks.filter((c) => c.kind === 'property');
    const suites = [scenarios.length > 0 ? suite('dapsim scenarios', scenarios, r.startedAt) : '', properties.length > 0 ? suite('dapsim properties', properties, r.startedAt) : ''].filter(Boolean);
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="dapsim conform: ${x(r.target)}" tests="${r.summary.checks}" failures="${r.summary.fail}" errors="${r.summary.error}" time="${seconds(r.durationMs)}">\n${suites.join('\n')}\n</testsuites>\n`;
  },
};
