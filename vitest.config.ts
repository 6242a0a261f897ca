import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**'],
    // The model is pure and fast; a test that takes longer than this is a bug, not a slow machine.
    testTimeout: 20_000,
  },
});
