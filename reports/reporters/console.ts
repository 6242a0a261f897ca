/** The terminal: a line per failing check and a summary; a progress counter only on a TTY, quiet in CI. */
import pc from 'picocolors';
import type { Check, RunRecord } from '../record.ts';

export function progress(check: Check, done: number, total: number, tty: boolean): void {
  if (!tty) return;
  const mark = check.verdict === 'pass' ? pc.green('.') : check.verdict === 'fail' ? pc.red('F') : pc.yellow('E');
  process.stdout.write(`\r${mark} ${done}/${total} ${check.title.slice(0, 60).padEnd(60)}`);
  if (done === total) process.stdout.write('\r'.padEnd(80) + '\r');
}

export const consoleReporter = {
  name: 'console',
  file: undefined,
  render: (r: RunRecord): string => {
    const lines: string[] = [];
    for (const c of r.checks.filter((x) => x.verdict !== 'pass')) {
      lines.push(`${c.verdict === 'fail' ? pc.red('FAIL ') : pc.yellow('ERROR')} ${c.title}`);
      if (c.message !== undefined) lines.push(`      ${c.message}`);
      if (c.expected !== undefined) lines.push(`      expected: ${c.expected}`);
      if (c.received !== undefined) lines.push(`      received: ${c.received}`);
      lines.push(`      rules: ${c.rules.join(', ') || '(none)'}`, `      reproduce with: ${c.reproduce}`);
    }
    const s = r.summary;
    const colour = s.verdict === 'pass' ? pc.green : s.verdict === 'fail' ? pc.red : pc.yellow;
    lines.push(colour(`${r.target}: ${s.checks} checks, ${s.pass} pass, ${s.fail} fail, ${s.error} error; ${r.coverage.length - s.uncovered.length} of ${r.coverage.length} rules exercised${s.uncovered.length > 0 ? ` (not: ${s.uncovered.join(', ')})` : ''}.`));
    if (r.compare === 'outcomes') lines.push(pc.yellow('Outcomes only (--compare outcomes): refusal codes and rule IDs were not compared.'));
    return `${lines.join('\n')}\n`;
  },
};
