/**
 * Validation of the event files: the zod schema for each, plus the rules that need the file
 * name, the regions, the registry or the computed days. Pure: load.ts reads the files. Every
 * problem is one line in the registry's format (file: id: field: message), in Chinese.
 */
import { SAMPLE_EVENT_SOURCE, eventSchema, type EventRecord } from '../../schemas/event.ts';
import { NO_ID, formatPath, formatZodIssues, registryErrorMap, type Problem } from '../registry/errors.ts';
import { isInBounds, type RegionIndex } from '../registry/regions.ts';
import { qingmingWeek, wallDate, worldHospiceDay } from './dates.ts';

export interface EventEntry {
  /** Path such as content/events/2026-10-10-xihu-open-day.json. */
  readonly file: string;
  /** The parsed JSON value. */
  readonly data: unknown;
}

export interface EventRules {
  readonly regions: RegionIndex;
  /** Every registry institution (samples included), id → whether it is a sample. */
  readonly institutions: ReadonlyMap<string, { readonly sample: boolean; readonly regionCode: string }>;
}

export interface EventValidation {
  readonly events: EventRecord[];
  readonly errors: Problem[];
}

/** The mark every sample title ends with. */
export const SAMPLE_TITLE_SUFFIX = '（示例）';

/** A run of seven or more digits looks like a phone number: samples may not carry one. */
const PHONE_LIKE = /\d[\d -]{5,}\d/;

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

function readId(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const id = (data as Record<string, unknown>)['id'];
  return typeof id === 'string' && id !== '' ? id : undefined;
}

export function validateEvents(entries: readonly EventEntry[], rules: EventRules): EventValidation {
  const errors: Problem[] = [];
  const events: EventRecord[] = [];
  const firstFile = new Map<string, string>();
  const { regions, institutions } = rules;

  entries.forEach((entry, index) => {
    const rawId = readId(entry.data);
    const id = rawId ?? NO_ID;
    const error = (parts: readonly PropertyKey[], message: string): void => {
      errors.push({ file: entry.file, id, path: formatPath(parts), pathParts: parts, message, entry: index });
    };
    if (rawId !== undefined) {
      if (baseName(entry.file) !== `${rawId}.json`)
        error(['id'], `文件名应与编号一致，即 ${rawId}.json；实际文件名是 ${baseName(entry.file)}`);
      const first = firstFile.get(rawId);
      if (first !== undefined) error(['id'], `编号重复：${first} 已使用编号 ${rawId}`);
      else firstFile.set(rawId, entry.file);
    }
    const parsed = eventSchema.safeParse(entry.data, { error: registryErrorMap });
    if (!parsed.success) {
      for (const issue of formatZodIssues(parsed.error.issues)) error(issue.pathParts, issue.message);
      return;
    }
    const event = parsed.data;
    const before = errors.length;

    // Times.
    if (event.end <= event.start) error(['end'], `结束时间 ${event.end} 应晚于开始时间 ${event.start}`);
    if (!event.id.startsWith(wallDate(event.start))) error(['id'], `编号应以开始日期 ${wallDate(event.start)} 开头`);
    if (event.observance === '世界安宁缓和医疗日') {
      const year = Number(event.start.slice(0, 4));
      const day = worldHospiceDay(year);
      if (wallDate(event.start) > day || wallDate(event.end) < day)
        error(['start'], `世界安宁缓和医疗日是每年十月的第二个星期六，${year} 年是 ${day}；活动时间应包括这一天`);
    }
    if (event.observance === '清明生命教育周') {
      const week = qingmingWeek(Number(event.start.slice(0, 4)));
      if (wallDate(event.start) < week.from || wallDate(event.start) > week.to)
        error(['start'], `清明生命教育周活动应在清明前后七天内（${week.from} 至 ${week.to}）`);
    }

    // Place.
    const county = regions.byCode.get(event.place.county);
    if (county === undefined) error(['place', 'county'], `区划代码 ${event.place.county} 不在 content/regions.json 中`);
    else if (county.level !== 'county') error(['place', 'county'], `应为区县级代码；${event.place.county} 是${county.name}`);
    else if (event.place.location !== undefined) {
      const province = regions.provinceOf(event.place.county);
      const bounds = province?.bounds;
      if (bounds !== undefined && !isInBounds(bounds, event.place.location.lat, event.place.location.lng))
        error(['place', 'location'], `坐标不在${province?.name ?? ''}范围内；坐标或区县代码是否写错？`);
    }
    if (!event.place.online && event.place.address === undefined && !event.sample)
      error(['place', 'address'], '线下活动要写地址（线上活动把 online 写成 true）');
    if (event.place.online && event.place.onlineHow === undefined)
      error(['place', 'onlineHow'], '线上活动要写明怎样参加（用什么平台、在哪里获取链接）');
    if (event.place.location !== undefined && event.place.address === undefined) error(['place', 'location'], '只有写了地址才能标地图位置');

    // Organiser.
    let organiserIsSample = false;
    if ('institution' in event.organiser) {
      const inst = institutions.get(event.organiser.institution);
      if (inst === undefined)
        error(['organiser', 'institution'], `找不到编号为 ${event.organiser.institution} 的机构（content/institutions/）`);
      else organiserIsSample = inst.sample;
    } else organiserIsSample = event.organiser.name.includes('示例');

    // Samples, both ways: an invented event is never shown as real, a real one never points at invented data.
    if (event.sample) {
      if (event.provenance.kind !== 'sample') error(['provenance', 'kind'], '示例活动的来源类型应为 sample');
      if (event.provenance.source !== SAMPLE_EVENT_SOURCE)
        error(['provenance', 'source'], `示例活动的来源说明应为“${SAMPLE_EVENT_SOURCE}”`);
      if (!event.title.endsWith(SAMPLE_TITLE_SUFFIX)) error(['title'], `示例活动的标题应以“${SAMPLE_TITLE_SUFFIX}”结尾`);
      if (!organiserIsSample) error(['organiser'], '示例活动的主办方应为示例机构，或名称含“示例”的学校、社区');
      if (event.place.address !== undefined) error(['place', 'address'], '示例活动不写具体地址（编造的地址可能把人引到真实的地方）');
      const contact = 'contact' in event.takePart ? event.takePart.contact : '';
      if (PHONE_LIKE.test(contact) || PHONE_LIKE.test(event.description))
        error(['takePart', 'contact'], '示例活动不能写电话号码（编造的号码可能是别人的真实号码）');
    } else {
      if (event.provenance.kind === 'sample')
        error(['provenance', 'kind'], '真实活动的来源类型不能是 sample（示例活动要把 sample 写成 true）');
      if (event.title.includes('示例')) error(['title'], '真实活动的标题不能含“示例”');
      if (organiserIsSample) error(['organiser'], '真实活动的主办方不能是示例机构');
    }
    if (errors.length === before) events.push(event);
  });
  return { events, errors };
}
