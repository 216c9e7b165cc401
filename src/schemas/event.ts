/**
 * One event (活动): a talk, a 生命教育 session, a volunteer training, a reading group, a
 * conversation about death and dying, an open day, or a day that matters. One file per event,
 * content/events/<id>.json, written by an editor or (later) by the staff console through
 * formatEventFile. Keys are declared in the order the files use, so formatEventFile writes
 * them in canonical order. The format is described field by field in docs/events.md.
 *
 * Times are China wall-clock times without an offset (2026-10-10T09:00): every event takes
 * place in Beijing or Zhejiang, and an editor writes the time on the poster.
 */
import { z } from 'zod';
import { plainText, provenanceSchema, regionCode, uniqueList, webUrl } from './provenance.ts';

/** What kind of event it is. */
export const EVENT_KINDS = ['讲座', '生命教育课', '志愿者培训', '读书会', '生死咖啡馆', '开放日', '纪念日活动'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Where life education goes, as the plans count it (浙江 十二, 北京 三（三）). */
export const EVENT_REACHES = ['进机构', '进社区', '进家庭'] as const;
export type EventReach = (typeof EVENT_REACHES)[number];

/** Who it is for. */
export const EVENT_AUDIENCES = ['学生', '老年人', '照护者', '医护', '公众'] as const;
export type EventAudience = (typeof EVENT_AUDIENCES)[number];

/** Days that matter, each checked against its computed date (src/lib/events/dates.ts). */
export const OBSERVANCES = ['世界安宁缓和医疗日', '清明生命教育周'] as const;
export type Observance = (typeof OBSERVANCES)[number];

/** schema.org eventStatus, in the words shown; a cancelled event stays listed (and in the calendars as CANCELLED). */
export const EVENT_STATUSES = ['如期举行', '已取消', '延期'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** Kinds of organiser outside the registry. */
export const ORGANISER_TYPES = ['学校', '社区', '社会组织', '其他'] as const;

/** URL slugs for the filter pages (/events/kind/<slug>/, /events/for/<slug>/). */
export const EVENT_KIND_SLUGS: Record<EventKind, string> = {
  讲座: 'talk',
  生命教育课: 'life-education',
  志愿者培训: 'volunteer-training',
  读书会: 'reading-group',
  生死咖啡馆: 'death-cafe',
  开放日: 'open-day',
  纪念日活动: 'observance',
};
export const EVENT_AUDIENCE_SLUGS: Record<EventAudience, string> = {
  学生: 'students',
  老年人: 'older-people',
  照护者: 'carers',
  医护: 'health-workers',
  公众: 'public',
};

/** Event ids: lowercase a-z0-9 and '-', starting with the date (2026-10-10-xihu-open-day). */
export const EVENT_ID_PATTERN = /^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A China wall-clock time to the minute, without an offset. */
const chinaDateTime = () =>
  z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/, {
    error: (issue) => (issue.input === undefined ? undefined : '应为北京时间，格式 YYYY-MM-DDTHH:MM（例如 2026-10-10T09:00），不写时区'),
  });

export const eventPlaceSchema = z.strictObject({
  /** County (区县) code from content/regions.json; for an online event, the organiser's county. */
  county: regionCode(),
  /** Street address; omit for online events and for samples (an invented address could send someone somewhere). */
  address: plainText().optional(),
  /** Map point (WGS-84), only when the address is known. */
  location: z.strictObject({ lat: z.number(), lng: z.number() }).optional(),
  /** True for an online event; `onlineHow` then says how to join. */
  online: z.boolean(),
  /** How to join online (platform, where the link is given); no meeting passwords here. */
  onlineHow: plainText().optional(),
});

export const organiserSchema = z.union(
  [
    z.strictObject({ /** Registry id of the organising institution. */ institution: z.string().min(1) }),
    z.strictObject({
      /** Name of a school, community or group outside the registry. */
      name: plainText(),
      /** 学校 | 社区 | 社会组织 | 其他. */
      type: z.enum(ORGANISER_TYPES),
    }),
  ],
  { error: '主办方应为 { "institution": 机构编号 } 或 { "name": 名称, "type": 学校/社区/社会组织/其他 }' },
);

export const takePartSchema = z.union(
  [
    z.strictObject({
      /** Enrol through the site's enrolment flow for a course session (/courses/<course>/enrol/<session>/). */
      enrol: z.strictObject({ course: z.string().min(1), session: z.string().min(1) }),
    }),
    z.strictObject({
      /** How to sign up or ask: a published phone number, an address, a web page. */ contact: plainText(),
      url: webUrl().optional(),
    }),
    z.strictObject({ /** No sign-up needed; what to know (e.g. 直接到场，座位有限). */ open: plainText() }),
  ],
  { error: '参加方式应为 { "enrol": { "course", "session" } }、{ "contact": 联系方式 } 或 { "open": 说明 }' },
);

export const eventSchema = z.strictObject({
  /** Stable id, also the file name and the page address: YYYY-MM-DD-words. */
  id: z.string().regex(EVENT_ID_PATTERN, { error: '编号应为“开始日期-英文小写词”，例如 2026-10-10-xihu-open-day' }),
  /** Title as published; a sample's ends with （示例）. */
  title: plainText(),
  /** One or two sentences for the lists. */
  summary: plainText().max(160, { error: '摘要最多 160 个字' }),
  /** The longer description (plain text; blank lines separate paragraphs). */
  description: plainText(),
  kind: z.enum(EVENT_KINDS),
  /** 进机构 | 进社区 | 进家庭: counted on /targets/ (sourced events only). */
  reach: z.enum(EVENT_REACHES),
  audience: uniqueList(z.enum(EVENT_AUDIENCES)).min(1),
  /** A day that matters this event belongs to; its date is checked. */
  observance: z.enum(OBSERVANCES).optional(),
  /** Start and end, China time. */
  start: chinaDateTime(),
  end: chinaDateTime(),
  status: z.enum(EVENT_STATUSES),
  place: eventPlaceSchema,
  organiser: organiserSchema,
  /** Cost in plain words, e.g. 免费. */
  cost: plainText(),
  takePart: takePartSchema,
  /** Step-free access, hearing loop, seats, sign language …; omit when unknown. */
  accessibility: plainText().optional(),
  /** Bumped on every edit after publication, so subscribed calendars take the change (iCalendar SEQUENCE). */
  sequence: z.int().min(0),
  /** When the file was last changed (YYYY-MM-DD); the feed's updated time. */
  updatedAt: z.iso.date({ error: '应为日期，格式 YYYY-MM-DD' }),
  /** True for an invented demonstration event (provenance.kind must then be sample). */
  sample: z.boolean(),
  provenance: provenanceSchema,
});

export type EventPlace = z.infer<typeof eventPlaceSchema>;
export type EventRecord = z.infer<typeof eventSchema>;
export type Organiser = z.infer<typeof organiserSchema>;
export type TakePart = z.infer<typeof takePartSchema>;

/** The canonical text of an event file (key order of the schema, two-space indent, final newline). */
export function formatEventFile(event: EventRecord): string {
  return `${JSON.stringify(eventSchema.parse(event), null, 2)}\n`;
}

/** The source text every sample event carries. */
export const SAMPLE_EVENT_SOURCE = '本站为演示活动日历编写的示例活动，并非真实活动';
