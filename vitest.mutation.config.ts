import { defineConfig } from 'vitest/config';

// What `npm run mutation` (Stryker) runs against each mutant of model/: the model's own tests and the
// scenario library against the in-process model, one test per scenario (scenarios/each.test.ts), so
// each mutant runs only the scenarios that reach it. Not the property runs: they kill more but
// cover every line, so each mutant would run them all (hours).
export default defineConfig({
  test: {
    include: ['model/**/*.test.ts', 'test/catalogue.test.ts', 'scenarios/each.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 60_000,
  },
});
