/**
 * The /admin/ page's script: asks for the admin token (kept in sessionStorage for this tab),
 * then lists, filters, pages, exports, changes the status of and deletes submissions
 * through the admin API. Everything submitted by the public is put on the page with
 * textContent, never as HTML.
 */
import { chinaTime } from '../../lib/china-time.ts';
import * as staffRoutes from '../../lib/staff-routes.ts';

type Kind = 'volunteers' | 'enrollments' | 'reports';
type Item = Record<string, unknown>;

interface AdminConfig {
  readonly strings: Readonly<Record<string, string>>;
  readonly statuses: Readonly<Record<Kind, readonly string[]>>;
}

const TOKEN_KEY = 'anning.adminToken';
const PAGE_SIZE = 100;

const text = (v: unknown): string =>
  Array.isArray(v) ? v.map(text).join('、') : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) if (value !== undefined) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

/** The details column: label/value pairs worth showing for each kind, a review flag first. */
function details(kind: Kind, item: Item): [string, string][] {
  const flag: [string, string][] = item['reviewLabel'] ? [['需核实', text(item['reviewLabel'])]] : [];
  return [...flag, ...kindDetails(kind, item)];
}

function kindDetails(kind: Kind, item: Item): [string, string][] {
  if (kind === 'volunteers') {
    return [
      ['姓名', text(item['name'])],
      ['手机', text(item['phone'])],
      ['邮箱', text(item['email'])],
      ['区县', text(item['countyName'] ?? item['county'])],
      ['年龄', text(item['ageGroupLabel'])],
      [
        '监护人',
        item['ageGroup'] === '14-17'
          ? `${text(item['guardianName'])} ${text(item['guardianPhone'])}（${item['guardianConsent'] === true ? '已同意' : '未同意'}）`
          : '',
      ],
      ['时间', text(item['availabilityLabels'])],
      ['服务', text(item['roleLabels'])],
      ['机构', text(item['institutionName'] ?? item['institution'])],
      ['经历', text(item['experience'])],
    ].filter(([, v]) => v !== '') as [string, string][];
  }
  if (kind === 'enrollments') {
    return [
      ['姓名', text(item['name'])],
      ['手机', text(item['phone'])],
      ['人数', text(item['people'])],
      ['课程', text(item['courseTitle'] ?? item['course'])],
      ['场次', `${text(item['sessionDate'])} ${text(item['sessionTime'])}（${text(item['session'])}）`],
      ['候补转确认', chinaTime(item['promotedAt'])],
    ].filter(([, v]) => v !== '') as [string, string][];
  }
  return [
    ['机构', text(item['institutionName'] ?? item['institution'])],
    ['页面', text(item['page'])],
    ['问题', text(item['problem'])],
    ['联系', text(item['contact'])],
  ].filter(([, v]) => v !== '') as [string, string][];
}

export function startAdmin(): void {
  const configNode = document.getElementById('admin-config');
  if (configNode === null) return;
  const config = JSON.parse(configNode.textContent ?? '{}') as AdminConfig;
  const s = (key: string, vars: Record<string, string | number> = {}) =>
    (config.strings[key] ?? key).replace(/\{(\w+)\}/g, (w, n: string) => (vars[n] === undefined ? w : String(vars[n])));
  const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

  const message = $<HTMLParagraphElement>('admin-message');
  const login = $<HTMLFormElement>('admin-login');
  const tokenInput = $<HTMLInputElement>('admin-token');
  const app = $<HTMLDivElement>('admin-app');
  const filter = $<HTMLFormElement>('admin-filter');
  const statusSelect = $<HTMLSelectElement>('admin-status');
  const q = $<HTMLInputElement>('admin-q');
  const results = $<HTMLDivElement>('admin-results');
  const title = $<HTMLHeadingElement>('admin-results-title');
  const prev = $<HTMLButtonElement>('admin-prev');
  const next = $<HTMLButtonElement>('admin-next');
  let offset = 0;

  const say = (textToSay: string, focus = false) => {
    message.textContent = textToSay;
    if (focus) message.focus();
  };
  const token = () => sessionStorage.getItem(TOKEN_KEY) ?? '';
  const kind = (): Kind => (new FormData(filter).get('kind') as Kind | null) ?? 'volunteers';
  const kindLabel = (k: Kind) => s(`admin.kind.${k}`);

  const showLogin = (why?: string) => {
    app.hidden = true;
    login.hidden = false;
    if (why !== undefined) say(why, true);
    else tokenInput.focus();
  };

  /** Calls the API; handles 401/404/429 for every caller. Undefined when the call failed. */
  async function api(path: string, init: RequestInit = {}): Promise<Response | undefined> {
    let response: Response;
    try {
      response = await fetch(path, {
        ...init,
        headers: {
          ...(init.headers as Record<string, string> | undefined),
          Authorization: `Bearer ${token()}`,
          Accept: 'application/json',
        },
      });
    } catch (error) {
      say(s('admin.msg.error', { detail: error instanceof Error ? error.message : String(error) }), true);
      return undefined;
    }
    if (response.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin(s('admin.msg.unauthorized'));
      return undefined;
    }
    if (response.status === 404 && path.split('?')[0]?.split('/').length === 4) {
      showLogin(s('admin.msg.disabled'));
      return undefined;
    }
    if (response.status === 429) {
      showLogin(s('admin.msg.limited', { seconds: response.headers.get('Retry-After') ?? '60' }));
      return undefined;
    }
    if (!response.ok) {
      say(s('admin.msg.error', { detail: `HTTP ${response.status}` }), true);
      return undefined;
    }
    return response;
  }

  const query = (extra: Record<string, string> = {}) => {
    const params = new URLSearchParams();
    if (statusSelect.value !== '') params.set('status', statusSelect.value);
    if (q.value.trim() !== '') params.set('q', q.value.trim());
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    return params.toString();
  };

  function fillStatuses() {
    const current = statusSelect.value;
    statusSelect.replaceChildren(
      el('option', { value: '' }, s('admin.filter.statusAll')),
      ...config.statuses[kind()].map((st) => el('option', { value: st }, st)),
    );
    statusSelect.value = config.statuses[kind()].includes(current) ? current : '';
  }

  function row(k: Kind, item: Item): HTMLTableRowElement {
    const ref = text(item['ref']);
    const select = el('select', { 'aria-label': s('admin.statusFor', { ref }) });
    for (const st of config.statuses[k]) select.append(el('option', { value: st }, st));
    select.value = text(item['status']);
    const save = el('button', { type: 'button', class: 'button--secondary', 'aria-label': s('admin.saveFor', { ref }) }, s('admin.save'));
    save.addEventListener('click', () => void changeStatus(k, ref, select.value));
    const remove = el(
      'button',
      { type: 'button', class: 'button--secondary', 'aria-label': s('admin.deleteFor', { ref }) },
      s('admin.delete'),
    );
    remove.addEventListener('click', () => void removeItem(k, ref));
    const dl = el('dl');
    for (const [label, value] of details(k, item)) dl.append(el('dt', {}, label), el('dd', {}, value));
    return el(
      'tr',
      {},
      el('th', { scope: 'row' }, ref),
      el('td', {}, chinaTime(item['createdAt'])),
      el('td', {}, dl),
      el('td', {}, el('div', { class: 'admin-row-actions' }, select, save)),
      el('td', {}, remove),
    );
  }

  async function load(focusTitle = false) {
    const k = kind();
    say(s('admin.msg.loading'));
    const response = await api(staffRoutes.apiAdminList(k, query({ limit: String(PAGE_SIZE), offset: String(offset) })));
    if (response === undefined) return;
    const data = (await response.json()) as { total: number; items: Item[] };
    login.hidden = true;
    app.hidden = false;
    title.textContent = s('admin.caption', { kind: kindLabel(k), total: data.total, shown: data.items.length });
    if (data.items.length === 0) {
      results.replaceChildren(el('p', {}, s('admin.empty')));
    } else {
      const head = el(
        'tr',
        {},
        ...['admin.col.ref', 'admin.col.created', 'admin.col.details', 'admin.col.status', 'admin.col.actions'].map((key) =>
          el('th', { scope: 'col' }, s(key)),
        ),
      );
      const table = el(
        'table',
        {},
        el('caption', { class: 'visually-hidden' }, title.textContent),
        el('thead', {}, head),
        el('tbody', {}, ...data.items.map((item) => row(k, item))),
      );
      results.replaceChildren(table);
    }
    prev.hidden = offset === 0;
    next.hidden = offset + data.items.length >= data.total;
    say(s('admin.msg.loaded', { shown: data.items.length }));
    if (focusTitle) title.focus();
  }

  async function changeStatus(k: Kind, ref: string, status: string) {
    const response = await api(staffRoutes.apiAdminRecord(k, ref), {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status }),
    });
    if (response === undefined) return;
    const data = (await response.json()) as { promoted?: string[] };
    const promoted = data.promoted ?? [];
    say(
      s('admin.msg.saved', { ref, status }) + (promoted.length > 0 ? ` ${s('admin.msg.promoted', { refs: promoted.join('、') })}` : ''),
      true,
    );
    if (promoted.length > 0) await load();
  }

  async function removeItem(k: Kind, ref: string) {
    if (!window.confirm(s('admin.confirmDelete', { ref }))) return;
    const response = await api(staffRoutes.apiAdminRecord(k, ref), { method: 'DELETE' });
    if (response === undefined) return;
    const data = (await response.json()) as { promoted?: string[] };
    const promoted = data.promoted ?? [];
    await load();
    say(s('admin.msg.deleted', { ref }) + (promoted.length > 0 ? ` ${s('admin.msg.promoted', { refs: promoted.join('、') })}` : ''), true);
  }

  async function exportCsv() {
    const k = kind();
    const response = await api(staffRoutes.apiAdminCsv(k, query()));
    if (response === undefined) return;
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: `${k}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    say(s('admin.msg.exported'));
  }

  login.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = tokenInput.value.trim();
    if (value === '') return tokenInput.focus();
    sessionStorage.setItem(TOKEN_KEY, value);
    tokenInput.value = '';
    offset = 0;
    void load(true);
  });
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    offset = 0;
    void load(true);
  });
  for (const radio of filter.querySelectorAll<HTMLInputElement>('input[name="kind"]')) {
    radio.addEventListener('change', () => {
      fillStatuses();
      offset = 0;
      void load();
    });
  }
  $<HTMLButtonElement>('admin-export').addEventListener('click', () => void exportCsv());
  $<HTMLButtonElement>('admin-logout').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    results.replaceChildren();
    showLogin();
  });
  prev.addEventListener('click', () => {
    offset = Math.max(0, offset - PAGE_SIZE);
    void load(true);
  });
  next.addEventListener('click', () => {
    offset += PAGE_SIZE;
    void load(true);
  });

  fillStatuses();
  if (token() === '') showLogin();
  else void load();
}
