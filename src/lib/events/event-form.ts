/**
 * The console's event form: one event read from the posted fields into an event record
 * (then checked with the event files' own rules, src/lib/events/validate.ts), the form's
 * values for an existing event, and each rule's problem put back beside its field. Pure.
 *
 * Staff never type an id: a new event's id is its start date, the organiser and a few
 * random letters (it becomes the page's address and the calendar UID, and never changes).
 * Sign-up through a course session's enrolment is left to editors (it needs a course in
 * content/courses); the console offers a contact or "just come".
 */
import { EVENT_AUDIENCES, EVENT_KINDS, EVENT_REACHES, EVENT_STATUSES, ORGANISER_TYPES, type EventRecord } from '../../schemas/event.ts';

export const eventField = {
  title: 'title',
  summary: 'summary',
  description: 'description',
  kind: 'kind',
  reach: 'reach',
  audience: 'audience',
  date: 'date',
  startTime: 'start-time',
  endDate: 'end-date',
  endTime: 'end-time',
  status: 'status',
  county: 'county',
  address: 'address',
  online: 'online',
  onlineHow: 'online-how',
  organiser: 'organiser',
  organiserName: 'organiser-name',
  organiserType: 'organiser-type',
  cost: 'cost',
  takePart: 'take-part',
  takePartText: 'take-part-text',
  accessibility: 'accessibility',
} as const;

export type EventFormErrors = Record<string, string>;

export interface EventReadForm {
  get(name: string): string | null;
  getAll(name: string): string[];
}

/** The organiser choice 'other' (a school, community or group); else `inst:<registry id>`. */
export const OTHER_ORGANISER = 'other';

const text = (form: EventReadForm, name: string) => (form.get(name) ?? '').trim();
const pick = <T extends string>(values: readonly string[], allowed: readonly T[]): T[] => allowed.filter((a) => values.includes(a));

export interface EventFormResult {
  readonly event: EventRecord;
  readonly errors: EventFormErrors;
}

/**
 * Reads the form into an event. `base` is the event being edited (its id, sequence and
 * provenance carry over), or for a new event a shell whose id, provenance and dates the
 * caller set.
 */
export function readEventForm(form: EventReadForm, base: EventRecord, today: string): EventFormResult {
  const errors: EventFormErrors = {};
  const event: EventRecord = structuredClone(base);
  event.title = text(form, eventField.title);
  event.summary = text(form, eventField.summary);
  event.description = text(form, eventField.description).replace(/\r\n/g, '\n');
  const kind = text(form, eventField.kind);
  if ((EVENT_KINDS as readonly string[]).includes(kind)) event.kind = kind as EventRecord['kind'];
  else errors[eventField.kind] = '请选择活动类型';
  const reach = text(form, eventField.reach);
  if ((EVENT_REACHES as readonly string[]).includes(reach)) event.reach = reach as EventRecord['reach'];
  else errors[eventField.reach] = '请选择进机构、进社区或进家庭';
  event.audience = pick(form.getAll(eventField.audience), EVENT_AUDIENCES);
  if (event.audience.length === 0) errors[eventField.audience] = '请至少选择一类参加的人';
  const status = text(form, eventField.status);
  event.status = (EVENT_STATUSES as readonly string[]).includes(status) ? (status as EventRecord['status']) : '如期举行';

  const date = text(form, eventField.date);
  const startTime = text(form, eventField.startTime);
  const endDate = text(form, eventField.endDate) || date;
  const endTime = text(form, eventField.endTime);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors[eventField.date] = '请填写日期，格式 2027-03-05';
  if (!/^\d{2}:\d{2}$/.test(startTime)) errors[eventField.startTime] = '请填写开始时间，格式 09:30';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(endDate)) errors[eventField.endDate] = '请填写结束日期，格式 2027-03-05';
  if (!/^\d{2}:\d{2}$/.test(endTime)) errors[eventField.endTime] = '请填写结束时间，格式 11:30';
  event.start = `${date}T${startTime}`;
  event.end = `${endDate}T${endTime}`;
  if (errors[eventField.endTime] === undefined && errors[eventField.startTime] === undefined && event.end <= event.start) {
    errors[eventField.endTime] = '结束时间应晚于开始时间';
  }

  const online = form.get(eventField.online) !== null;
  const address = text(form, eventField.address);
  const onlineHow = text(form, eventField.onlineHow);
  event.place = { county: text(form, eventField.county), online };
  if (address !== '') event.place.address = address;
  if (onlineHow !== '') event.place.onlineHow = onlineHow;
  if (event.place.county === '') errors[eventField.county] = '请选择活动所在的区县';
  if (online && onlineHow === '') errors[eventField.onlineHow] = '线上活动请写怎样参加（例如：腾讯会议，报名后发送会议号）';
  if (!online && address === '') errors[eventField.address] = '请填写活动地址；线上活动请勾选“线上举行”';

  const organiser = text(form, eventField.organiser);
  if (organiser.startsWith('inst:')) event.organiser = { institution: organiser.slice('inst:'.length) };
  else {
    const name = text(form, eventField.organiserName);
    const type = text(form, eventField.organiserType);
    if (name === '') errors[eventField.organiserName] = '请填写主办的学校、社区或组织的名称';
    event.organiser = {
      name,
      type: (ORGANISER_TYPES as readonly string[]).includes(type) ? (type as (typeof ORGANISER_TYPES)[number]) : '其他',
    };
  }
  event.cost = text(form, eventField.cost) || '免费';
  const how = text(form, eventField.takePart);
  const howText = text(form, eventField.takePartText);
  if (how === 'open') event.takePart = { open: howText || '直接到场' };
  else {
    if (howText === '') errors[eventField.takePartText] = '请写怎样报名或咨询（机构的公开电话、地址或网页）';
    event.takePart = { contact: howText };
  }
  const accessibility = text(form, eventField.accessibility);
  if (accessibility === '') delete event.accessibility;
  else event.accessibility = accessibility;
  event.updatedAt = today;
  return { event, errors };
}

/** The form's values for an event. */
export function eventFormValues(event: EventRecord): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined) values.set(name, [value]);
  };
  set(eventField.title, event.title);
  set(eventField.summary, event.summary);
  set(eventField.description, event.description);
  set(eventField.kind, event.kind);
  set(eventField.reach, event.reach);
  values.set(eventField.audience, [...event.audience]);
  set(eventField.date, event.start.slice(0, 10));
  set(eventField.startTime, event.start.slice(11));
  set(eventField.endDate, event.end.slice(0, 10));
  set(eventField.endTime, event.end.slice(11));
  set(eventField.status, event.status);
  set(eventField.county, event.place.county);
  set(eventField.address, event.place.address);
  if (event.place.online) set(eventField.online, 'on');
  set(eventField.onlineHow, event.place.onlineHow);
  if ('institution' in event.organiser) set(eventField.organiser, `inst:${event.organiser.institution}`);
  else {
    set(eventField.organiser, OTHER_ORGANISER);
    set(eventField.organiserName, event.organiser.name);
    set(eventField.organiserType, event.organiser.type);
  }
  set(eventField.cost, event.cost);
  if ('open' in event.takePart) {
    set(eventField.takePart, 'open');
    set(eventField.takePartText, event.takePart.open);
  } else if ('contact' in event.takePart) {
    set(eventField.takePart, 'contact');
    set(eventField.takePartText, event.takePart.contact);
  }
  set(eventField.accessibility, event.accessibility);
  return values;
}

/** The form field an event-file problem concerns (its path), or undefined (listed above the form). */
export function eventFieldOfProblem(path: readonly PropertyKey[]): string | undefined {
  const [head, second] = path;
  switch (head) {
    case 'title':
    case 'summary':
    case 'description':
    case 'kind':
    case 'reach':
    case 'audience':
    case 'status':
    case 'cost':
    case 'accessibility':
      return eventField[head];
    case 'observance':
      return eventField.date;
    case 'start':
    case 'id':
      return eventField.date;
    case 'end':
      return eventField.endTime;
    case 'place':
      return second === 'address'
        ? eventField.address
        : second === 'onlineHow'
          ? eventField.onlineHow
          : second === 'online'
            ? eventField.online
            : eventField.county;
    case 'organiser':
      return second === 'name' ? eventField.organiserName : eventField.organiser;
    case 'takePart':
      return eventField.takePartText;
    default:
      return undefined;
  }
}
