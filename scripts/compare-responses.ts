/**
 * Compares two running copies of the site request by request: status, the headers that
 * carry behaviour, and the body bytes. For refactors that must not change what users and
 * clients get (issue #15): build and start the old and the new checkout, each with an
 * empty DATA_DIR, then
 *
 *   node scripts/compare-responses.ts http://127.0.0.1:4501 http://127.0.0.1:4502
 *
 * Only requests that store nothing are sent (reads, refused posts, a withdrawal that finds
 * nothing), so both databases stay empty and every answer is comparable. Exits 1 on any
 * difference and prints each one.
 */
import http from 'node:http';

interface Probe {
  readonly method: string;
  readonly path: string;
  readonly form?: Record<string, string>;
  readonly json?: unknown;
}

const PAGES = [
  '/',
  '/services/',
  '/services/bj-tsinghua-changgung/',
  '/regions/110000/',
  '/regions/330100/',
  '/courses/',
  '/courses/life-dignity-senior/',
  '/courses/life-dignity-senior/03-hospice-and-choices/',
  '/courses/life-dignity-senior/03-hospice-and-choices/teacher/',
  '/guides/',
  '/guides/faq/',
  '/pathway/',
  '/targets/',
  '/data/',
  '/data/institutions.csv',
  '/data/finder/overview.json',
  '/data/finder/330000.json',
  '/search/',
  '/volunteer/',
  '/volunteer/withdraw/',
  '/report/',
  '/privacy/',
  '/about/',
  '/sitemap-index.xml',
  '/no-such-page/',
];

const PROBES: Probe[] = [
  ...PAGES.map((path) => ({ method: 'GET', path })),
  { method: 'HEAD', path: '/' },
  { method: 'TRACE', path: '/' },
  { method: 'DELETE', path: '/services/' },
  { method: 'POST', path: '/api/volunteers', form: { name: '', phone: '123' } },
  { method: 'POST', path: '/api/volunteers', json: { name: '测试', phone: 'abc', __proto__: 'x' } },
  { method: 'POST', path: '/api/reports', form: { message: '' } },
  { method: 'POST', path: '/api/enrollments', json: { course: 'no-such-course', session: 'x', name: '测试', phone: '13800138000' } },
  { method: 'POST', path: '/api/volunteers/withdraw', json: { phone: '13800138000', ref: 'V-23456789' } },
  { method: 'POST', path: '/volunteer/withdraw/confirm/', form: { phone: '13800138000', ref: 'V-23456789' } },
];

/** Headers that carry behaviour; Date, ETag, Last-Modified and Keep-Alive differ by nature. */
const COMPARED_HEADERS = [
  'content-type',
  'content-security-policy',
  'cache-control',
  'allow',
  'x-robots-tag',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
  'cross-origin-opener-policy',
  'strict-transport-security',
  'location',
  'content-disposition',
];

/** One request through node:http (fetch refuses TRACE), the body read whole. */
function fetchProbe(base: string, probe: Probe): Promise<{ status: number; headers: string[]; body: Buffer }> {
  const headers: Record<string, string> = { origin: base, 'accept-encoding': 'identity' };
  let body: string | undefined;
  if (probe.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(probe.form).toString();
  } else if (probe.json !== undefined) {
    headers['content-type'] = 'application/json';
    headers['accept'] = 'application/json';
    body = JSON.stringify(probe.json);
  }
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(probe.path, base), { method: probe.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const kept = COMPARED_HEADERS.map((name) => `${name}: ${String(res.headers[name] ?? '—')}`);
        resolve({ status: res.statusCode ?? 0, headers: kept, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const [baseA, baseB] = process.argv.slice(2);
if (baseA === undefined || baseB === undefined) {
  console.error('用法：node scripts/compare-responses.ts <旧站点地址> <新站点地址>');
  process.exit(2);
}

let differences = 0;
for (const probe of PROBES) {
  const [a, b] = await Promise.all([fetchProbe(baseA, probe), fetchProbe(baseB, probe)]);
  const where = `${probe.method} ${probe.path}`;
  const problems: string[] = [];
  if (a.status !== b.status) problems.push(`status ${a.status} → ${b.status}`);
  a.headers.forEach((line, i) => {
    if (line !== b.headers[i]) problems.push(`${line} → ${b.headers[i] ?? ''}`);
  });
  if (!a.body.equals(b.body)) problems.push(`body differs (${a.body.length} → ${b.body.length} bytes)`);
  if (problems.length > 0) differences++;
  console.log(`${problems.length === 0 ? '✓ same' : '✗ DIFF'}  ${a.status}  ${where}${problems.map((p) => `\n      ${p}`).join('')}`);
}
console.log(`\n${PROBES.length} requests, ${differences} with differences.`);
process.exit(differences > 0 ? 1 : 0);
