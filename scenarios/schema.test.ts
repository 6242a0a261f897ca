import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../test/paths.ts';
import { scenarioSchema } from './schema.ts';

describe('scenario.schema.json', () => {
  const shipped = JSON.parse(readFileSync(join(REPO_ROOT, 'scenarios', 'scenario.schema.json'), 'utf8'));

  it('is the schema the loader uses (run `npm run scenarios:schema` after changing the format)', () => {
    expect(shipped).toEqual(scenarioSchema());
  });

  it('is a valid draft 2020-12 schema', () => {
    expect(shipped.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(() => new Ajv2020({ strict: false }).compile(shipped)).not.toThrow();
  });
});
