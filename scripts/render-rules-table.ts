/** `npm run readme:rules`: rewrites the rule table in README.md from the code catalogue. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withFreshTable } from './rules-table.ts';

const path = fileURLToPath(new URL('../README.md', import.meta.url));
const before = readFileSync(path, 'utf8');
const after = withFreshTable(before);
if (after === before) {
  console.log('README.md rule table is up to date.');
} else {
  writeFileSync(path, after);
  console.log('README.md rule table rewritten from model/catalogue.ts.');
}
