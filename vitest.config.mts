import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    globalSetup: ['test/unit/global-setup.ts'],
    // The CLI tests spawn the built bundle; one file at a time keeps the noisy 2-core machines calm.
    fileParallelism: true,
    // Generous: the differential and property tests run thousands of notes, and these machines are shared.
    testTimeout: 90000,
  },
});
