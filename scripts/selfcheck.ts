/**
 * `npm run selfcheck`: dapsim conform against every planted bug (conform/bugs.ts), one child
 * process per bug (so each starts clean), and the share caught with the right rule ID, written to
 * reports/out/selfcheck.md and .json. Exits 1 if any bug got through.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PLANTED_BUGS } from '../conform/bugs.ts';
import { checkPlantedBug, loadLibrary, selfcheckMarkdown, type BugVerdict } from '../conform/selfcheck.ts';

const one = process.argv[2];
if (one !== undefined) {
  // Child: one bug, its verdict as the last line of output.
  const bug = PLANTED_BUGS.find((b) => b.id === one);
  if (bug === undefined) throw new Error(`no planted bug "${one}"`);
  const { verdict } = await checkPlantedBug(bug, loadLibrary());
  console.log(JSON.stringify(verdict));
} else {
  const verdicts: BugVerdict[] = [];
  for (const bug of PLANTED_BUGS) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), bug.id], { encoding: 'utf8' });
    const v = JSON.parse(out.trim().split('\n').pop()!) as BugVerdict;
    verdicts.push(v);
    console.log(`${v.caught ? 'caught' : 'MISSED'}  ${v.rule.padEnd(30)} ${v.bug} (${(v.durationMs / 1000).toFixed(1)} s)`);
  }
  const md = selfcheckMarkdown(verdicts);
  mkdirSync('reports/out', { recursive: true });
  writeFileSync('reports/out/selfcheck.md', md);
  writeFileSync('reports/out/selfcheck.json', `${JSON.stringify(verdicts, null, 2)}\n`);
  console.log(`\n${md.split('\n')[0]!.replace(/^# /, '')}  (reports/out/selfcheck.md)`);
  if (verdicts.some((v) => !v.caught)) process.exitCode = 1;
}
