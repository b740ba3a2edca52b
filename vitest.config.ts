import { defineConfig } from 'vitest/config'

// Tests run against the real embedded engine: one process per test file (chDB allows one data
// directory per process), files one after another on this 2-core machine.
export default defineConfig({
  resolve: { alias: { '~': new URL('./app', import.meta.url).pathname } },
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    isolate: true,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
