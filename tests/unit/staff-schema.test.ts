/**
 * Our migration 0004 makes the authentication library's tables exactly as it wants them:
 * its own migration planner, pointed at a database we migrated, finds nothing to create,
 * add or index, and no column of another type.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMigrations } from 'better-auth/db/migration';
import { authOptions } from '../../src/server/auth/instance.ts';
import { staffSettings } from '../../src/server/auth/settings.ts';
import { freshDb, testEngines, type TestDb } from './staff-engines.ts';

describe.each(testEngines())('staff tables on %s', (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb(engine);
  });
  afterAll(async () => {
    await t.close();
  });

  it('leave the library nothing to migrate', async () => {
    const warnings: string[] = [];
    const options = {
      ...authOptions(t.db, staffSettings({})),
      logger: { level: 'warn' as const, log: (_level: string, message: string) => warnings.push(message) },
    };
    const plan = await getMigrations(options);
    expect(plan.toBeCreated.map((x) => x.table)).toEqual([]);
    expect(plan.toBeAdded.map((x) => `${x.table}: ${Object.keys(x.fields).join(', ')}`)).toEqual([]);
    expect(plan.toBeAddedIndexes.map((x) => x.name)).toEqual([]);
    expect(plan.schemaProblems).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
