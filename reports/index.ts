/** The reporters, by the name `--reporter` takes. Each renders a run record and nothing else. */
import { consoleReporter } from './reporters/console.ts';
import { html } from './reporters/html.ts';
import { json } from './reporters/json.ts';
import { junit } from './reporters/junit.ts';
import { markdown } from './reporters/markdown.ts';
import type { RunRecord } from './record.ts';

export interface Reporter {
  readonly name: string;
  /** The file it writes under --out; undefined for the console. */
  readonly file: string | undefined;
  render(record: RunRecord): string;
}

export const REPORTERS: Readonly<Record<string, Reporter>> = { console: consoleReporter, json, junit, markdown, html };
export const REPORTER_NAMES = Object.keys(REPORTERS);

export type { RunRecord, Check, CheckVerdict, RuleCoverage } from './record.ts';
export { mergeRecords, summarise } from './merge.ts';
export { recordProblems } from './validate.ts';
