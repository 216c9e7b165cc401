/**
 * Several API nodes on one PostgreSQL behave as one site (issue #16): submissions spread
 * over two nodes, one killed with SIGKILL mid-burst, are each stored exactly once; a client
 * alternating between nodes is limited at the combined rate; a staff session made on one
 * node is valid on the other.
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { openDb } from '../../src/server/db/connect.ts';
import { allRefs } from '../../src/server/submissions/listing.ts';
import { startTestServer, volunteerJson, type TestServer } from './forms-server.ts';
import { freshPostgresDatabase } from './postgres-db.ts';

test.describe.configure({ mode: 'serial' });

async function twoNodes(
  env: Record<string, string> = {},
): Promise<{ nodes: [TestServer, TestServer]; databaseUrl: string; drop: () => Promise<void> }> {
  const { url: databaseUrl, drop } = await freshPostgresDatabase('two_nodes');
  const a = await startTestServer({ DATABASE_URL: databaseUrl, ...env });
  const b = await startTestServer({ DATABASE_URL: databaseUrl, ...env });
  return { nodes: [a, b], databaseUrl, drop };
}

async function storedVolunteers(databaseUrl: string): Promise<string[]> {
  const db = await openDb({ databaseUrl, dataDir: '' });
  try {
    return await allRefs(db, 'volunteers');
  } finally {
    await db.close();
  }
}

test('300 concurrent submissions over two nodes, one killed mid-burst: every acknowledged one is stored exactly once', async () => {
  test.slow(); // two server processes and a burst on a shared 2-core machine
  const { nodes, databaseUrl, drop } = await twoNodes();
  const [a, b] = nodes;
  try {
    const acknowledged: string[] = [];
    const failed: number[] = [];
    let killed = false;
    const send = async (i: number) => {
      const node = i % 2 === 0 ? a : b;
      try {
        const res = await fetch(`${node.url}/api/volunteers`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(volunteerJson(i)),
        });
        if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
        else failed.push(res.status);
      } catch {
        failed.push(0); // the connection died with the killed node: not acknowledged
      }
      if (!killed && acknowledged.length >= 60) {
        killed = true;
        await b.stop('SIGKILL');
      }
    };
    await Promise.all(Array.from({ length: 300 }, (_, i) => send(i)));
    expect(killed).toBe(true);
    // The kill landed mid-burst: some requests to the killed node never got an answer.
    expect(failed.length).toBeGreaterThan(0);
    // The surviving node answered everything sent to it.
    expect(failed.every((status) => status === 0)).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    const stored = await storedVolunteers(databaseUrl);
    expect(new Set(stored).size, 'no submission stored twice').toBe(stored.length);
    const storedSet = new Set(stored);
    expect(
      acknowledged.filter((ref) => !storedSet.has(ref)),
      'acknowledged but lost',
    ).toEqual([]);
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
  } finally {
    await a.stop();
    await b.stop();
    await drop();
  }
});

test('a client alternating between the nodes is limited at the combined rate', async () => {
  const { nodes, drop } = await twoNodes({ RATE_LIMIT_PER_MINUTE: '6' });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const node = nodes[i % 2];
      const res = await fetch(`${node?.url}/api/reports`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ page: '/services/', problem: `第 ${i} 次报告：电话号码已经更换` }),
      });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Six per minute in all, not six per node.
    expect(statuses.filter((s) => s === 201)).toHaveLength(6);
    expect(statuses.slice(6)).toEqual([429, 429, 429, 429]);
  } finally {
    for (const node of nodes) await node.stop();
    await drop();
  }
});

test('a staff session made on one node is valid on the other, and signing out on one ends it on both', async ({ browser }) => {
  const { nodes, databaseUrl, drop } = await twoNodes();
  const [a, b] = nodes;
  try {
    const add = spawnSync(
      process.execPath,
      ['scripts/staff-add.ts', '--username', 'two-nodes', '--role', 'manager', '--institution', 'sample-330106', '--name', '两节点'],
      {
        input: 'two nodes pass 2026\n',
        env: { ...process.env, DATA_DIR: a.dataDir, DATABASE_URL: databaseUrl },
        encoding: 'utf8',
      },
    );
    expect(add.status, add.stderr).toBe(0);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${a.url}/staff/sign-in/`);
    await page.getByLabel('用户名或手机号').fill('two-nodes');
    await page.getByLabel('密码', { exact: true }).fill('two nodes pass 2026');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('您好，两节点');
    // The same browser on the other node (cookies are per host, not per port): still signed in.
    await page.goto(`${b.url}/staff/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('您好，两节点');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.goto(`${a.url}/staff/`);
    await expect(page).toHaveURL(/\/staff\/sign-in\//);
    await context.close();
  } finally {
    for (const node of nodes) await node.stop();
    await drop();
  }
});
