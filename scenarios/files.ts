/** Finding scenario files: every .yaml, .yml or .json under the paths given, except the schema. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Found {
  readonly files: string[];
  /** Paths that do not exist. */
  readonly missing: string[];
}

const SCENARIO = /\.(ya?ml|json)$/;

export function findScenarioFiles(paths: readonly string[]): Found {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (path: string): void => {
    const entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(path, e.name);
      if (e.isDirectory()) walk(p);
      else if (SCENARIO.test(e.name) && !e.name.endsWith('.schema.json')) files.push(p);
    }
  };
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      missing.push(path);
      continue;
    }
    if (isDir) walk(path);
    else files.push(path);
  }
  return { files, missing };
}
