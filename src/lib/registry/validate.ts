/**
 * Validation of the whole registry: the zod schema for each record plus the
 * rules that need the file name, the regions or the other records. Pure: the
 * caller reads the files (load.ts, scripts/registry-import.ts, tests).
 */
import { institutionSchema, type Institution } from '../../schemas/institution.ts';
import { SAMPLE_SOURCE_TEXT } from '../../schemas/provenance.ts';
import { NO_ID, formatPath, formatZodIssues, registryErrorMap, type Problem } from './errors.ts';
import { formatBounds, isInBounds, type RegionIndex } from './regions.ts';

/** One file's content, already parsed from JSON (or built from a CSV row). */
export interface RegistryEntry {
  /** Path such as content/institutions/zhejiang/zj-xxx.json (folder and file name are checked). */
  readonly file: string;
  /** The parsed JSON value. */
  readonly data: unknown;
}

export interface ValidateOptions {
  /** Today's date, YYYY-MM-DD: verifiedAt may not be later; staleness is measured from it. */
  readonly today: string;
  /** A sourced record not verified for more than this many months gets a warning (default 12). */
  readonly staleAfterMonths?: number;
  /** A bed-availability snapshot older than this many days gets a warning (default 30). */
  readonly availabilityStaleAfterDays?: number;
}

export interface ValidationResult {
  /** Records that passed the schema, in entry order (they may still have cross-record errors). */
  readonly records: Institution[];
  readonly errors: Problem[];
  readonly warnings: Problem[];
}

/** The suffix every sample name ends with. */
export const SAMPLE_NAME_SUFFIX = '（示例）';

function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] ?? file;
}

function folderName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts.length >= 2 ? (parts[parts.length - 2] ?? '') : '';
}

function readId(data: unknown): string | undefined {
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    const id = (data as Record<string, unknown>)['id'];
    if (typeof id === 'string' && id !== '') return id;
  }
  return undefined;
}

/** Shift a YYYY-MM-DD date by whole months / days (UTC, no time zones involved). */
export function shiftDate(date: string, { months = 0, days = 0 }: { months?: number; days?: number }): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`不是有效日期：${date}`);
  if (months !== 0) {
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + months);
    const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, lastDay));
  }
  if (days !== 0) d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Validate every entry and the registry as a whole. Every problem names the
 * file, the record id and the field; errors block the build, warnings do not.
 */
export function validateRegistry(entries: readonly RegistryEntry[], regions: RegionIndex, options: ValidateOptions): ValidationResult {
  const { today } = options;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`today 应为 YYYY-MM-DD，实际是 ${today}`);
  const staleBefore = shiftDate(today, { months: -(options.staleAfterMonths ?? 12) });
  const availabilityStaleBefore = shiftDate(today, { days: -(options.availabilityStaleAfterDays ?? 30) });

  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const records: Institution[] = [];

  // Ids that exist at all (even in records with schema errors), for referral partners and duplicates.
  const firstFileOfId = new Map<string, string>();
  const knownIds = new Set<string>();
  entries.forEach((entry) => {
    const id = readId(entry.data);
    if (id !== undefined) knownIds.add(id);
  });

  entries.forEach((entry, index) => {
    const rawId = readId(entry.data);
    const id = rawId ?? NO_ID;
    const error = (parts: readonly PropertyKey[], message: string): void => {
      errors.push({ file: entry.file, id, path: formatPath(parts), pathParts: parts, message, entry: index });
    };
    const warn = (parts: readonly PropertyKey[], message: string): void => {
      warnings.push({ file: entry.file, id, path: formatPath(parts), pathParts: parts, message, entry: index });
    };

    // Rules that need only the id.
    if (rawId !== undefined) {
      const expectedName = `${rawId}.json`;
      if (baseName(entry.file) !== expectedName)
        error(['id'], `文件名应与编号一致，即 ${expectedName}；实际文件名是 ${baseName(entry.file)}`);
      const first = firstFileOfId.get(rawId);
      if (first !== undefined) error(['id'], `编号重复：${first} 已使用编号 ${rawId}`);
      else firstFileOfId.set(rawId, entry.file);
    }

    const parsed = institutionSchema.safeParse(entry.data, { error: registryErrorMap });
    if (!parsed.success) {
      for (const issue of formatZodIssues(parsed.error.issues)) error(issue.pathParts, issue.message);
      return;
    }
    const record = parsed.data;
    records.push(record);
    const isSample = record.provenance.kind === 'sample';

    // Region, folder, id prefix, coordinates.
    const county = regions.byCode.get(record.regionCode);
    if (county === undefined) {
      error(
        ['regionCode'],
        `区划代码 ${record.regionCode} 不是本站收录的区县（本站收录：${regions.provinces.map((p) => p.name).join('、')}；见 content/site-scope.json）`,
      );
    } else if (county.level !== 'county') {
      error(
        ['regionCode'],
        `应为区县级代码；${record.regionCode} 是${regions.fullName(record.regionCode) ?? county.name}（${county.level === 'city' ? '地级市' : '省'}）`,
      );
    } else {
      const province = regions.provinceOf(record.regionCode);
      const scope = province === undefined ? undefined : regions.scopeOf(province.code);
      if (province !== undefined && scope !== undefined) {
        const folder = scope.folder;
        const actual = folderName(entry.file);
        if (actual !== folder) {
          error(
            ['regionCode'],
            `${regions.fullName(record.regionCode) ?? county.name}属于${province.name}，文件应放在 content/institutions/${folder}/ 下；实际在 ${actual === '' ? '（无文件夹）' : `${actual}/`}`,
          );
        }
        const prefix = scope.idPrefix;
        if (!isSample && !record.id.startsWith(prefix)) {
          error(['id'], `${province.name}的记录编号应以 ${prefix} 开头`);
        }
        const bounds = scope.bounds;
        if (bounds !== undefined && !isInBounds(bounds, record.location.lat, record.location.lng)) {
          error(
            ['location'],
            `坐标（纬度 ${record.location.lat}，经度 ${record.location.lng}）不在${province.name}范围内（${formatBounds(bounds)}）；坐标或区划代码是否写错？`,
          );
        }
      }
    }

    record.services.forEach((service, s) => {
      service.homeCare?.coverage?.forEach((code, c) => {
        const region = regions.byCode.get(code);
        const parts = ['services', s, 'homeCare', 'coverage', c];
        if (region === undefined) error(parts, `区划代码 ${code} 不在 content/regions.json 中`);
        else if (region.level !== 'county') error(parts, `覆盖范围应写区县级代码；${code} 是${region.name}`);
      });
    });

    // Other records.
    record.referralPartners?.forEach((partner, p) => {
      if (partner === record.id) error(['referralPartners', p], '不能把本机构自己写成转介合作机构');
      else if (!knownIds.has(partner)) error(['referralPartners', p], `找不到编号为 ${partner} 的记录`);
    });

    // Dates.
    if (record.provenance.verifiedAt > today) {
      error(['provenance', 'verifiedAt'], `核实日期 ${record.provenance.verifiedAt} 晚于今天（${today}）`);
    } else if (!isSample && record.provenance.verifiedAt < staleBefore) {
      warn(
        ['provenance', 'verifiedAt'],
        `已超过 ${options.staleAfterMonths ?? 12} 个月未核实（上次 ${record.provenance.verifiedAt}）；请对照来源重新核实并更新核实日期`,
      );
    }
    const asOf = record.beds?.availability?.asOf;
    if (asOf !== undefined) {
      if (asOf > today) error(['beds', 'availability', 'asOf'], `空床更新日期 ${asOf} 晚于今天（${today}）`);
      else if (!isSample && asOf < availabilityStaleBefore) {
        warn(
          ['beds', 'availability', 'asOf'],
          `空床信息已超过 ${options.availabilityStaleAfterDays ?? 30} 天（${asOf}）；请更新或删除 availability`,
        );
      }
    }

    // Sample data rules, both ways.
    if (isSample) {
      const lineage = regions.lineage(record.regionCode);
      if (!record.id.startsWith('sample-')) error(['id'], '示例记录的编号应以 sample- 开头');
      else {
        const codeInId = /^sample-(\d{6})(?:-[a-z0-9]+)*$/.exec(record.id)?.[1];
        if (codeInId === undefined || (lineage.length > 0 && !lineage.some((r) => r.code === codeInId))) {
          error(['id'], `示例记录的编号应为 sample-<区划代码>（可加 -2 等后缀），区划代码应为 ${record.regionCode} 或其上级`);
        }
      }
      if (!record.name.includes('示例') || !record.name.endsWith(SAMPLE_NAME_SUFFIX)) {
        error(['name'], `示例记录的名称应含“示例”并以“${SAMPLE_NAME_SUFFIX}”结尾`);
      } else if (lineage.length > 0 && !lineage.some((r) => record.name.startsWith(r.name))) {
        error(
          ['name'],
          `示例记录的名称应以所在区县名开头，例如“${lineage[lineage.length - 1]?.name ?? ''}示例安宁疗护服务点${SAMPLE_NAME_SUFFIX}”`,
        );
      }
      if (record.contact?.phones !== undefined) error(['contact', 'phones'], '示例记录不能有电话号码（不得编造电话）');
      if (record.address !== null) error(['address'], '示例记录的地址应为 null（不得编造地址）');
      if (record.location.precision !== 'county-centre') error(['location', 'precision'], '示例记录的坐标精度应为 county-centre');
      if (record.provenance.source !== SAMPLE_SOURCE_TEXT) error(['provenance', 'source'], `示例记录的来源应写“${SAMPLE_SOURCE_TEXT}”`);
    } else {
      if (record.id.startsWith('sample-'))
        error(['id'], `编号以 sample- 开头的记录，来源类型应为 sample；实际是 ${record.provenance.kind}`);
      if (record.name.includes('示例')) error(['name'], `真实来源的记录名称不能含“示例”；如果是示例数据，来源类型应为 sample`);
    }
  });

  return { records, errors, warnings };
}
