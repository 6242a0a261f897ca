/** Every run record is checked against its JSON Schema before it is written or rendered. */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';
import type { RunRecord } from './record.ts';

const schema = JSON.parse(readFileSync(new URL('./run-record.schema.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
// ajv-formats is CommonJS: depending on the loader its function is the import itself or its `default`.
type AddFormats = (a: Ajv2020) => unknown;
const imported = addFormatsImport as unknown as AddFormats | { default: AddFormats };
(typeof imported === 'function' ? imported : imported.default)(ajv);
const check = ajv.compile<RunRecord>(schema);

/** Undefined when the record is valid; else every problem, one per line, as JSON pointer: message. */
export function recordProblems(record: unknown): string | undefined {
  if (check(record)) return undefined;
  return (check.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`).join('\n');
}
