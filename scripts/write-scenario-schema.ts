/** `npm run scenarios:schema`: writes scenarios/scenario.schema.json from scenarios/schema.ts. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioSchema } from '../scenarios/schema.ts';

const path = fileURLToPath(new URL('../scenarios/scenario.schema.json', import.meta.url));
writeFileSync(path, `${JSON.stringify(scenarioSchema(), null, 2)}\n`);
console.log(`wrote ${path}`);
