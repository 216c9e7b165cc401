/**
 * A registry record as the rows a reviewer reads: one labelled line per fact, so a
 * proposal can be shown side by side with the current record and every changed line
 * marked. Pure; `areaName` turns a county code into its name.
 */
import type { Institution } from '../../schemas/institution.ts';
import { CARE_MODES } from '../../schemas/vocabularies.ts';

export interface ListingLine {
  readonly label: string;
  readonly text: string;
}

export interface ListingChange {
  readonly label: string;
  /** '' when the fact is absent on that side. */
  readonly before: string;
  readonly after: string;
  readonly changed: boolean;
}

const list = (items: readonly string[] | undefined): string => (items === undefined || items.length === 0 ? '' : items.join('、'));

/** The lines of a record, in a fixed order. */
export function describeListing(record: Institution, areaName: (code: string) => string): ListingLine[] {
  const lines: ListingLine[] = [
    { label: '名称', text: record.name },
    { label: '机构类型', text: record.kind },
    { label: '等级', text: record.grade },
    { label: '性质', text: record.ownership },
    { label: '所在区县', text: areaName(record.regionCode) },
    { label: '地址', text: record.address ?? '' },
    {
      label: '地图位置',
      text: `纬度 ${record.location.lat}，经度 ${record.location.lng}（${record.location.precision === 'exact' ? '机构准确位置' : '区县中心点'}）`,
    },
    {
      label: '电话',
      text: (record.contact?.phones ?? []).map((p) => (p.label === undefined ? p.number : `${p.label} ${p.number}`)).join('；'),
    },
    { label: '网站', text: record.contact?.website ?? '' },
    { label: '预约方式', text: record.contact?.appointment ?? '' },
  ];
  const services = new Map(record.services.map((s) => [s.mode, s]));
  for (const mode of CARE_MODES) {
    const s = services.get(mode);
    lines.push({ label: `${mode}：是否提供`, text: s === undefined ? '不提供' : `提供${s.name === undefined ? '' : `（${s.name}）`}` });
    if (s === undefined) continue;
    lines.push(
      { label: `${mode}：服务内容`, text: list(s.offers) },
      { label: `${mode}：服务对象`, text: s.eligibility ?? '' },
      { label: `${mode}：转介和申请`, text: s.referral ?? '' },
      { label: `${mode}：时间`, text: s.hours ?? '' },
      { label: `${mode}：费用`, text: s.fees ?? '' },
      { label: `${mode}：支付方式`, text: list(s.payment) },
    );
    if (mode === '居家') {
      lines.push(
        { label: '居家：上门形式', text: list(s.homeCare?.types) },
        { label: '居家：覆盖区县', text: list(s.homeCare?.coverage?.map(areaName)) },
        { label: '居家：覆盖说明', text: s.homeCare?.note ?? '' },
      );
    }
  }
  lines.push(
    { label: '安宁疗护床位', text: record.beds?.hospice === undefined || record.beds.hospice === null ? '' : `${record.beds.hospice} 张` },
    { label: '团队', text: list(record.team) },
    {
      label: '志愿服务',
      text: record.volunteers === undefined ? '' : record.volunteers.accepts ? '接收志愿者' : '暂不接收志愿者',
    },
    { label: '志愿服务说明', text: record.volunteers?.note ?? '' },
    { label: '志愿服务联系', text: record.volunteers?.contact ?? '' },
  );
  return lines;
}

/** The two records line by line (an application: `before` null, everything is new). */
export function listingChanges(before: Institution | null, after: Institution, areaName: (code: string) => string): ListingChange[] {
  const old = new Map((before === null ? [] : describeListing(before, areaName)).map((l) => [l.label, l.text]));
  const now = describeListing(after, areaName);
  const labels = [...new Set([...now.map((l) => l.label), ...old.keys()])];
  const nowText = new Map(now.map((l) => [l.label, l.text]));
  return labels
    .map((label) => {
      const b = old.get(label) ?? '';
      const a = nowText.get(label) ?? '';
      return { label, before: b, after: a, changed: b !== a };
    })
    .filter((c) => c.before !== '' || c.after !== '');
}
