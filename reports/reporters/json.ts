/** The run record itself, as written: what every other report is rendered from. */
import type { RunRecord } from '../record.ts';

export const json = {
  name: 'json',
  file: 'run-record.json',
  render: (record: RunRecord): string => `${JSON.stringify({ $schema: './run-record.schema.json', ...record }, null, 2)}\n`,
};
