import { defineConfig } from 'vitest/config';

// What `npm run mutation` (Stryker) runs against each mutant of model/: the model's own tests
// (the property runs kill more but cover every line, so each mutant would run them all: hours).
export default defineConfig({
  test: {
    include: ['model/**/*.test.ts', 'test/catalogue.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 60_000,
  },
});
