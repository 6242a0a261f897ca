/**
 * The `dapsim` command line. Exit codes (design.md): 0 everything conformed; 1 a check failed;
 * 2 bad input or usage, including a run that checked nothing; 3 the target could not be reached.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import pc from 'picocolors';
import { CATALOGUE, PROFILES, type Profile } from '../model/index.ts';
import { DEFAULT_SETTINGS } from '../properties/settings.ts';
import { REPORTER_NAMES } from '../reports/index.ts';
import { checkCommand } from './check.ts';
import { conformCommand, reportMergeCommand } from './conform.ts';
import { runJourney } from './journey.ts';
import { COMPARE_LEVELS, type Compare } from '../targets/target.ts';
import { TARGET_HELP } from './targets.ts';
import { runCommand, validateCommand } from './scenarios.ts';
import { serveCommand } from './serve.ts';

// A reader that stops early (`dapsim rules | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const program = new Command('dapsim')
  .description('Simulation and conformance harness for Microsoft partner delegated administration (DAP)')
  .showHelpAfterError()
  .exitOverride();

program
  .command('rules')
  .description('print the rule catalogue: every rule ID with its area, profiles, source and statement')
  .option('--json', 'print JSON instead of a table')
  .action((opts: { json?: boolean }) => {
    if (opts.json) {
      console.log(JSON.stringify(CATALOGUE, null, 2));
      return;
    }
    for (const r of CATALOGUE) {
      const profiles = r.profiles.length === PROFILES.length ? '' : pc.dim(` [${r.profiles.join(', ')}]`);
      console.log(`${pc.bold(r.id.padEnd(34))} ${r.statement}${profiles}`);
    }
    console.log(pc.dim(`\n${CATALOGUE.length} rules. Source: ../shared/spec/rules.md`));
  });

program
  .command('journey', { isDefault: true })
  .description("run the seeds' central journey against the reference model and compare each step with what the seeds expect")
  .addOption(new Option('--profile <profile>', 'Autopilot rule profile').choices(PROFILES as string[]).default('current'))
  .option('--json', 'print the step results as JSON')
  .action((opts: { profile: Profile; json?: boolean }) => {
    const results = runJourney(opts.profile);
    const failed = results.filter((r) => r.failure !== undefined);
    if (opts.json) {
      console.log(JSON.stringify(results.map((r) => ({ title: r.step.title, actor: r.step.actor, decision: r.decision, failure: r.failure ?? null })), null, 2));
    } else {
      console.log(pc.bold(`dapsim journey — reference model, profile ${opts.profile}\n`));
      results.forEach((r, i) => {
        const d = r.decision;
        const mark = r.failure === undefined ? pc.green('✓') : pc.red('✗');
        const outcome = d.outcome === 'allowed' ? pc.green('allowed') : `${pc.yellow(d.outcome)} ${d.code}`;
        console.log(`${mark} ${String(i + 1).padStart(2)}. ${r.step.title}`);
        console.log(`      ${pc.dim(r.step.actor)} → ${outcome}  ${pc.dim(d.rules.join(' '))}`);
        if (r.failure !== undefined) console.log(`      ${pc.red(r.failure)}`);
      });
      console.log(`\n${results.length - failed.length} passed, ${failed.length} failed`);
    }
    process.exitCode = failed.length > 0 ? 1 : 0;
  });

program
  .command('validate')
  .description('check scenario files (default: the scenarios folder) and report every problem with file:line:col')
  .argument('[paths...]', 'scenario files or folders')
  .action((paths: string[]) => {
    process.exitCode = validateCommand(paths);
  });

program
  .command('run')
  .description('run scenario files against a target and compare every step with what the scenario expects')
  .argument('[paths...]', 'scenario files or folders (default: scenarios)')
  .option('--target <target>', 'model (the reference, in process), mocks (over HTTP, against the mocked endpoints in process) or a base URL', 'model')
  .addOption(new Option('--timeout <ms>', 'how long one HTTP request may take before the target counts as unreachable').argParser(positiveArg).default(10_000))
  .addOption(new Option('--seed <n>', 'seed for everything the scenarios leave unspecified (default: each scenario’s own)').argParser(seedArg))
  .addOption(new Option('--profile <profile>', 'Autopilot profile of scenarios that do not choose one').choices(PROFILES as string[]))
  .option('--continue', 'run the remaining steps of a scenario after a failure')
  .addOption(new Option('--compare <level>', 'what the target is held to: decisions (outcome, refusal code and rule IDs) or outcomes (allowed/refused/invalid only, for a target that sends no x-dapsim-* headers)').choices(COMPARE_LEVELS as string[]).default('decisions'))
  .action(async (paths: string[], opts: { target: string; timeout: number; seed?: number; profile?: Profile; continue?: boolean; compare: Compare }) => {
    process.exitCode = await runCommand(paths, opts);
  });

program
  .command('conform')
  .description('run the scenario library and generated sequences against a target, and write the run record and reports (JSON, JUnit, Markdown, HTML)')
  .argument('[paths...]', 'scenario files or folders (default: scenarios)')
  .option('--target <target>', TARGET_HELP, 'model')
  .addOption(new Option('--timeout <ms>', 'how long one HTTP request may take before the target counts as unreachable').argParser(positiveArg).default(10_000))
  .addOption(new Option('--seed <n>', 'seed of the scenarios and the generated sequences; the same seed gives the same run').argParser(seedArg).default(1))
  .addOption(new Option('--runs <n>', 'generated sequences in all').argParser(positiveArg).default(DEFAULT_SETTINGS.runs))
  .addOption(new Option('--profile <profile>', 'Autopilot profile for every check (default: each scenario its own, each generated step drawn)').choices(PROFILES as string[]))
  .addOption(new Option('--shard <i/n>', 'run the i-th of n equal parts (merge the records with dapsim report merge)').argParser(shardArg).default({ index: 1, count: 1 }, '1/1'))
  .option('--out <dir>', 'where the reports are written', 'reports/out')
  .addOption(new Option('--reporter <names...>', `reporters: ${REPORTER_NAMES.join(', ')}`).default(REPORTER_NAMES, 'all'))
  .addOption(new Option('--compare <level>', 'what the target is held to: decisions (outcome, refusal code and rule IDs) or outcomes (allowed/refused/invalid only, for a target that sends no x-dapsim-* headers)').choices(COMPARE_LEVELS as string[]).default('decisions'))
  .action(async (paths: string[], opts: { target: string; timeout: number; seed: number; runs: number; profile?: Profile; shard: { index: number; count: number }; out: string; reporter: string[]; compare: Compare }) => {
    process.exitCode = await conformCommand(paths, opts);
  });

program
  .command('report')
  .description('work with run records')
  .command('merge')
  .description('merge the run records of the shards of one run into one record and its reports')
  .argument('<records...>', 'run-record.json files, one per shard')
  .option('--out <dir>', 'where the merged reports are written', 'reports/out')
  .addOption(new Option('--reporter <names...>', `reporters: ${REPORTER_NAMES.join(', ')}`).default(REPORTER_NAMES, 'all'))
  .action((records: string[], opts: { out: string; reporter: string[] }) => {
    process.exitCode = reportMergeCommand(records, opts);
  });

program
  .command('check')
  .description('generate worlds and action sequences (fast-check), run them on the model and a target side by side, and shrink any difference to a replayable scenario')
  .option('--target <target>', TARGET_HELP, 'mocks')
  .addOption(new Option('--timeout <ms>', 'how long one HTTP request may take before the target counts as unreachable').argParser(positiveArg).default(10_000))
  .addOption(new Option('--seed <n>', 'fast-check seed; the same seed gives the same run (default: drawn and printed)').argParser(seedArg))
  .addOption(new Option('--runs <n>', 'generated sequences').argParser(positiveArg).default(DEFAULT_SETTINGS.runs))
  .addOption(new Option('--max-steps <n>', 'the most steps in a sequence').argParser(positiveArg).default(DEFAULT_SETTINGS.maxSteps))
  .addOption(new Option('--profile <profile>', 'pin every step to one Autopilot profile (default: each step draws one)').choices(PROFILES as string[]))
  .option('--path <path>', 'fast-check replay path of a failure (with its --seed): runs the shrunk sequence at once')
  .option('--out <dir>', 'where a shrunk difference is written as a scenario', 'scenarios/regressions')
  .option('--rules <ids...>', 'narrow the coverage gate to these rule IDs, on purpose')
  .option('--invariants', 'also check the invariants of properties/README.md on the model after every step')
  .addOption(new Option('--compare <level>', 'what the target is held to: decisions (outcome, refusal code and rule IDs) or outcomes (allowed/refused/invalid only, for a target that sends no x-dapsim-* headers)').choices(COMPARE_LEVELS as string[]).default('decisions'))
  .action(async (opts: { target: string; timeout: number; seed?: number; runs: number; maxSteps: number; profile?: Profile; path?: string; out: string; rules?: string[]; invariants?: boolean; compare: Compare }) => {
    process.exitCode = await checkCommand(opts);
  });

program
  .command('serve')
  .description('serve the mocked endpoints on loopback ports (https with a throwaway certificate, and http), optionally preloaded with a scenario\'s world')
  .addOption(new Option('--port <n>', 'https port (0 picks a free one)').argParser(portArg).default(7443))
  .addOption(new Option('--http-port <n>', 'http port (0 picks a free one)').argParser(portArg).default(7080))
  .option('--world <scenario>', 'a scenario file whose given world is served')
  .addOption(new Option('--seed <n>', 'seed for the names and ids the world leaves unspecified').argParser(seedArg))
  .option('--cert-out <file>', 'where to write the certificate to trust (default: the temp folder)')
  .action(async (opts: { port: number; httpPort: number; world?: string; seed?: number; certOut?: string }) => {
    process.exitCode = await serveCommand(opts);
  });

function portArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number, 0 to 65535.');
  return n;
}

function shardArg(value: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || count < 1 || index < 1 || index > count) throw new InvalidArgumentError('expected i/n with 1 ≤ i ≤ n, e.g. 1/2.');
  return { index, count };
}

function positiveArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number, 1 or more.');
  return n;
}

function seedArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number, 0 or more.');
  return n;
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // Help and version are not errors; everything else commander rejects is bad usage (exit 2).
    process.exitCode = e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version' ? 0 : 2;
  } else {
    console.error(pc.red(`dapsim: internal error: ${e instanceof Error ? e.message : String(e)}`));
    console.error('This is a bug in dapsim; please report it with the command you ran.');
    process.exitCode = 2;
  }
}
