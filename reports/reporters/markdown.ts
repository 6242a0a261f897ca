/**
 * Markdown for people and for GitHub's job summary ($GITHUB_STEP_SUMMARY, up to 1 MiB): the
 * verdict, the failures with expected, received and how to reproduce them, and the rule coverage.
 */
import type { RunRecord } from '../record.ts';
import { cell, clean } from './text.ts';

const MARK = { pass: '✅', fail: '❌', error: '⚠️' } as const;

export const markdown = {
  name: 'markdown',
  file: 'summary.md',
  render: (r: RunRecord): string => {
    const s = r.summary;
    const lines: string[] = [];
    lines.push(`# dapsim conform: ${MARK[s.verdict]} ${s.verdict === 'pass' ? 'conforms' : s.verdict === 'fail' ? 'does not conform' : 'could not be fully tested'}`);
    lines.push('');
    lines.push(`Target \`${cell(r.target)}\`, profile ${r.profile}${r.compare === 'outcomes' ? ', **outcomes only** (refusal codes and rule IDs not compared)' : ''}, seed ${r.seed}${r.shard.count > 1 ? `, shard ${r.shard.index}/${r.shard.count}` : ''}, ${(r.durationMs / 1000).toFixed(1)} s.`);
    lines.push('');
    lines.push('| checks | pass | fail | error | rules not exercised |');
    lines.push('| --- | --- | --- | --- | --- |');
    lines.push(`| ${s.checks} | ${s.pass} | ${s.fail} | ${s.error} | ${s.uncovered.length === 0 ? 'none' : cell(s.uncovered.join(', '))} |`);
    const bad = r.checks.filter((c) => c.verdict !== 'pass');
    if (bad.length > 0) {
      lines.push('', '## Failures and errors', '');
      for (const c of bad) {
        lines.push(`### ${MARK[c.verdict]} ${cell(c.title)}`, '');
        lines.push(`- rules: ${c.rules.length > 0 ? c.rules.map((x) => `\`${x}\``).join(', ') : '(none)'}`);
        if (c.message !== undefined) lines.push(`- ${cell(c.message)}`);
        if (c.expected !== undefined || c.received !== undefined) {
          lines.push('', '```diff', `- expected: ${clean(c.expected ?? '')}`, `+ received: ${clean(c.received ?? '')}`, '```');
        }
        lines.push('', `Reproduce with: \`${c.reproduce}\``, '');
      }
    }
    lines.push('', '## Rule coverage', '', '| rule | area | scenario steps | property steps |', '| --- | --- | --- | --- |');
    for (const c of r.coverage) lines.push(`| ${c.scenarioSteps + c.propertySteps === 0 ? '⚠️ ' : ''}\`${c.rule}\` | ${c.area} | ${c.scenarioSteps} | ${c.propertySteps} |`);
    lines.push('');
    return lines.join('\n');
  },
};
