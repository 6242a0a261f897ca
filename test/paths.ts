/** Where the repository and the shared folder beside it are, for tests that read files. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** `../shared` beside the checkout, as CI lays it out; DAPSIM_SHARED overrides. */
export const SHARED_DIR = process.env['DAPSIM_SHARED'] ?? resolve(REPO_ROOT, '..', 'shared');
export const RULES_MD = join(SHARED_DIR, 'spec', 'rules.md');

export function requireShared(): string {
  if (!existsSync(RULES_MD)) {
    throw new Error(`Cannot find the rule catalogue at ${RULES_MD}. Check out ../shared beside the repository, or set DAPSIM_SHARED to its path.`);
  }
  return RULES_MD;
}
