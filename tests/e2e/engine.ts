/**
 * Which database the current test's servers use. The form API, hardening, staff and
 * two-node specs run twice (playwright.config.ts): in the `sqlite` project against servers
 * on SQLite, in the `postgres` project against servers on the run's PostgreSQL
 * (E2E_DATABASE_URL). Only callable inside a test.
 */
import { test } from '@playwright/test';

export type E2eEngine = 'sqlite' | 'postgres';

export function currentEngine(): E2eEngine {
  return test.info().project.name === 'postgres' ? 'postgres' : 'sqlite';
}
