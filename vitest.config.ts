import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'],
    allowOnly: false,
    // The PostgreSQL storage tests run against: TEST_DATABASE_URL, or a throwaway cluster for the run.
    globalSetup: ['tests/setup/postgres.ts'],
    // Consultation requests on, as on a site with an operator (unset, a bare machine turns them
    // off): the storage tests count and flag them. Tests of the switch itself pass their own env.
    env: { CONSULTATIONS: 'on' },
  },
});
