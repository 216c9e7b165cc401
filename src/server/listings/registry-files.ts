/**
 * The registry folder on this node's disk (REGISTRY_DIR, default content/institutions):
 * where a proposal's current record is read from and an approved one is written. Read from
 * disk, not from the build, because the build being served may be older than the files
 * while a publish run is under way.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { institutionSchema, type Institution } from '../../schemas/institution.ts';
import { DEFAULT_REGISTRY_DIR, listRegistryFiles, loadRegions } from '../../lib/registry/load.ts';
import type { RegionIndex } from '../../lib/registry/regions.ts';

/** The registry folder, absolute. */
export function registryDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env['REGISTRY_DIR'] ?? DEFAULT_REGISTRY_DIR);
}

let regions: RegionIndex | undefined;
/** content/regions.json, read once. */
export function registryRegions(): RegionIndex {
  regions ??= loadRegions();
  return regions;
}

/** The file a record with this id lives in, if there is one. */
export function findRecordFile(id: string, dir = registryDir()): string | undefined {
  return listRegistryFiles(dir).find((file) => path.basename(file) === `${id}.json`);
}

/** Where a record belongs: <registry>/<province folder>/<id>.json (undefined for a county outside the provinces covered). */
export function recordFileFor(id: string, county: string, dir = registryDir()): string | undefined {
  const province = registryRegions().provinceOf(county);
  const folder = province === undefined ? undefined : registryRegions().scopeOf(province.code)?.folder;
  return folder === undefined ? undefined : path.join(dir, folder, `${id}.json`);
}

/** The project-relative path printed in patches and messages (content/institutions/beijing/bj-x.json). */
export function shownPath(file: string): string {
  return path.relative(process.cwd(), file).split(path.sep).join('/');
}

export interface RecordOnDisk {
  readonly file: string;
  readonly text: string;
  readonly record: Institution;
}

/** A record as it is on disk now; undefined when there is no such file or it does not parse. */
export function readRecord(id: string, dir = registryDir()): RecordOnDisk | undefined {
  const file = findRecordFile(id, dir);
  if (file === undefined || !existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  try {
    const parsed = institutionSchema.safeParse(JSON.parse(text));
    return parsed.success ? { file, text, record: parsed.data } : undefined;
  } catch {
    return undefined;
  }
}
