/**
 * The server refuses to start when consultation requests are on (a site with an operator,
 * or CONSULTATIONS=on) and DATA_KEY is missing or malformed, saying why in one Chinese
 * line; CONSULTATIONS=off lifts the need. A bare machine (no operator, no key) starts with
 * requests off, so `npm install && npm start` stays two commands.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { consultationStartProblem, consultationsEnabled } from '../../src/server/network/consultation-config.ts';

const KEY = Buffer.alloc(32, 3).toString('base64');

describe('starting with consultation requests', () => {
  it('needs DATA_KEY on a site with an operator unless CONSULTATIONS=off; a bare machine starts with requests off', () => {
    expect(consultationsEnabled({})).toBe(false);
    expect(consultationStartProblem({})).toBeUndefined();
    expect(consultationsEnabled({ DATA_KEY: KEY })).toBe(true);
    expect(consultationsEnabled({ PRIVACY_CONTROLLER_NAME: '某运营单位' })).toBe(true);
    expect(consultationStartProblem({ PRIVACY_CONTROLLER_NAME: '某运营单位' })).toMatch(/^没有设置 DATA_KEY/);
    expect(consultationsEnabled({ CONSULTATIONS: 'on' })).toBe(true);
    expect(consultationsEnabled({ CONSULTATIONS: 'OFF' })).toBe(false);
    expect(consultationStartProblem({ CONSULTATIONS: 'on' })).toMatch(/^没有设置 DATA_KEY/);
    expect(consultationStartProblem({ DATA_KEY: 'c2hvcnQ=' })).toMatch(/DATA_KEY 应为 32 字节/);
    expect(consultationStartProblem({ DATA_KEY: KEY })).toBeUndefined();
    expect(consultationStartProblem({ CONSULTATIONS: 'off' })).toBeUndefined();
  });

  it('stops npm start with one line and exit code 1', () => {
    const env = {
      ...process.env,
      DATA_KEY: '',
      CONSULTATIONS: '',
      PRIVACY_CONTROLLER_NAME: '某运营单位',
      DATA_DIR: '/nonexistent-anning-test',
    };
    const run = spawnSync(process.execPath, ['scripts/start.ts', '--no-build'], { env, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('没有设置 DATA_KEY');
    expect(run.stdout).not.toContain('已启动');
  });
});
