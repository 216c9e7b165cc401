/**
 * Read content/events/*.json, validate every file (validate.ts) and memoise the result, so
 * pages can call loadEvents() as often as they like during a build. src/content.config.ts
 * calls it too, so a bad event file fails the build at its start with one line per problem.
 * EVENTS_DIR names another folder for test builds (eventsDir).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { EventRecord } from '../../schemas/event.ts';
import { NO_ID, ProblemsError, type Problem } from '../registry/errors.ts';
import { displayPath, loadRegistry, type LoadOptions } from '../registry/load.ts';
import { showSamples, visibleSamples } from '../samples.ts';
import { chinaInstant } from './dates.ts';
import { validateEvents, type EventEntry } from './validate.ts';

export const DEFAULT_EVENTS_DIR = 'content/events';

/** Thrown when an event file is wrong; the message is all problem lines. */
export class EventsError extends ProblemsError {
  constructor(problems: readonly Problem[]) {
    super('活动文件', problems);
    this.name = 'EventsError';
  }
}

export interface EventsLoadOptions {
  /** Events folder; default $EVENTS_DIR or content/events. */
  readonly dir?: string;
  /** Keep sample events; default from src/lib/samples.ts. */
  readonly samples?: boolean;
  /** Registry options (tests). */
  readonly registry?: LoadOptions;
  readonly cache?: boolean;
}

/** Every *.json file in dir, as entries; unreadable JSON becomes a problem. */
export function readEventEntries(dir: string): { entries: EventEntry[]; unreadable: Problem[] } {
  const root = resolve(dir);
  let names: string[] = [];
  try {
    names = readdirSync(root).filter((n) => n.endsWith('.json'));
  } catch {
    // No folder yet: no events.
  }
  const entries: EventEntry[] = [];
  const unreadable: Problem[] = [];
  for (const name of names.sort()) {
    const shown = displayPath(join(root, name));
    try {
      entries.push({ file: shown, data: JSON.parse(readFileSync(join(root, name), 'utf8')) });
    } catch (cause) {
      const detail = cause instanceof Error ? cause.message : String(cause);
      unreadable.push({ file: shown, id: NO_ID, path: '（文件）', pathParts: [], message: `不是有效的 JSON：${detail}`, entry: -1 });
    }
  }
  return { entries, unreadable };
}

/**
 * The events folder: content/events, or EVENTS_DIR for tests (tests/fixtures/events, or a
 * broken file to see the build fail). Another folder is allowed only for a build into
 * .builds/ (DIST_DIR), so test events never reach the shipped `dist`, as for COURSES_DIR.
 */
export function eventsDir(env: NodeJS.ProcessEnv = process.env, root: string = process.cwd()): string {
  const chosen = env['EVENTS_DIR']?.trim();
  if (chosen === undefined || chosen === '' || resolve(root, chosen) === resolve(root, DEFAULT_EVENTS_DIR)) return DEFAULT_EVENTS_DIR;
  const builds = resolve(root, '.builds');
  const dist = resolve(root, env['DIST_DIR'] ?? 'dist');
  if (!dist.startsWith(`${builds}${sep}`))
    throw new Error(`EVENTS_DIR=${chosen} 只用于测试的构建：请同时把 DIST_DIR 设在 .builds/ 下，以免测试活动进入要发布的网站`);
  return chosen;
}

const memo = new Map<string, readonly EventRecord[]>();

/** Valid events, sorted by start (then id); throws EventsError when any file is wrong. */
export function loadEvents(options: EventsLoadOptions = {}): readonly EventRecord[] {
  const dir = resolve(options.dir ?? eventsDir());
  const samples = options.samples ?? showSamples();
  const key = `${dir}\u0000${samples ? 'samples' : 'real'}`;
  const hit = options.cache === false ? undefined : memo.get(key);
  if (hit !== undefined) return hit;
  const registry = loadRegistry({ ...options.registry, samples: true });
  const institutions = new Map(registry.records.map((r) => [r.id, { sample: r.provenance.kind === 'sample', regionCode: r.regionCode }]));
  const { entries, unreadable } = readEventEntries(dir);
  const { events, errors } = validateEvents(entries, { regions: registry.regions, institutions });
  if (unreadable.length + errors.length > 0) throw new EventsError([...unreadable, ...errors]);
  const sorted = visibleSamples(events, (e) => e.sample, samples).sort(
    (a, b) => chinaInstant(a.start).getTime() - chinaInstant(b.start).getTime() || (a.id < b.id ? -1 : 1),
  );
  if (options.cache !== false) memo.set(key, sorted);
  return sorted;
}
