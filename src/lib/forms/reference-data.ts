/**
 * The registry facts the forms need: county choices, institution choices (sample records
 * marked) and the id sets the schemas check against. The records are bundled at build
 * time with import.meta.glob, so the pages (built) and the API (at run time, possibly
 * without the content/ folder) see exactly the same list.
 */
import { institutionSchema, type Institution, type Phone } from '../../schemas/institution.ts';
import type { CareMode } from '../../schemas/service.ts';
import { indexRegions, parseRegions, parseSiteScope, regionsInScope, type RegionIndex } from '../registry/regions.ts';
import { visibleSamples } from '../samples.ts';
import regionsData from '../../../content/regions.json' with { type: 'json' };
import scopeData from '../../../content/site-scope.json' with { type: 'json' };

/** One choice in a select. */
export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** Choices under an <optgroup> label (a city, or Beijing as a whole). */
export interface ChoiceGroup {
  readonly label: string;
  readonly choices: readonly Choice[];
}

/** What the forms and pages show about an institution. */
export interface InstitutionInfo {
  readonly id: string;
  readonly name: string;
  /** Sample (invented) record: must be marked 示例 wherever shown. */
  readonly sample: boolean;
  /** County-level region code. */
  readonly regionCode: string;
  /** Full area name, e.g. 浙江省杭州市西湖区. */
  readonly area: string;
  /** Takes hospice volunteers (volunteers.accepts). */
  readonly acceptsVolunteers: boolean;
  readonly volunteerNote: string | undefined;
  readonly volunteerContact: string | undefined;
  /** The care modes the listing offers (one per service), in the record's order; empty when not yet known (服务方式待核实). */
  readonly careModes: readonly CareMode[];
  /** Published phone numbers (never for samples): "请致电确认" beside live availability points here. */
  readonly phones: readonly Phone[];
}

export interface FormReference {
  readonly regions: RegionIndex;
  /** All registry institutions, by area then name. */
  readonly institutions: readonly InstitutionInfo[];
  readonly institutionById: ReadonlyMap<string, InstitutionInfo>;
  readonly institutionIds: ReadonlySet<string>;
  readonly countyCodes: ReadonlySet<string>;
  /** Counties grouped by city (Beijing's districts under 北京市). */
  readonly countyGroups: readonly ChoiceGroup[];
  /** Every institution, grouped like the counties; sample ones labelled 示例. */
  readonly institutionGroups: readonly ChoiceGroup[];
  /** Institutions that take volunteers, grouped like the counties. */
  readonly volunteerInstitutionGroups: readonly ChoiceGroup[];
}

const SAMPLE_MARK = '示例';

/** An option label that says 示例 for sample records (their names normally do already). */
export function institutionLabel(info: Pick<InstitutionInfo, 'name' | 'sample'>): string {
  return info.sample && !info.name.includes(SAMPLE_MARK) ? `${info.name}（${SAMPLE_MARK}）` : info.name;
}

/** Code of the group a county belongs to: its city, or its province when there is no city. */
function groupCode(regions: RegionIndex, county: string): string {
  return regions.cityOf(county)?.code ?? regions.provinceOf(county)?.code ?? county;
}

function grouped<T>(items: readonly T[], regions: RegionIndex, codeOf: (item: T) => string, choice: (item: T) => Choice): ChoiceGroup[] {
  const groups = new Map<string, Choice[]>();
  for (const item of items) {
    const key = groupCode(regions, codeOf(item));
    groups.set(key, [...(groups.get(key) ?? []), choice(item)]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, choices]) => ({ label: regions.fullName(code) ?? code, choices }));
}

/** Builds the reference from parsed records and regions (pure; used by tests too). */
export function buildFormReference(records: readonly Institution[], regions: RegionIndex): FormReference {
  const institutions = records
    .map((r): InstitutionInfo => ({
      id: r.id,
      name: r.name,
      sample: r.provenance.kind === 'sample',
      regionCode: r.regionCode,
      area: regions.fullName(r.regionCode) ?? r.regionCode,
      acceptsVolunteers: r.volunteers?.accepts === true,
      volunteerNote: r.volunteers?.note,
      volunteerContact: r.volunteers?.contact,
      careModes: r.services.map((s) => s.mode),
      phones: r.contact?.phones ?? [],
    }))
    .sort((a, b) => (a.regionCode !== b.regionCode ? (a.regionCode < b.regionCode ? -1 : 1) : a.name.localeCompare(b.name, 'zh-CN')));
  const toChoice = (i: InstitutionInfo): Choice => ({ value: i.id, label: institutionLabel(i) });
  return {
    regions,
    institutions,
    institutionById: new Map(institutions.map((i) => [i.id, i])),
    institutionIds: new Set(institutions.map((i) => i.id)),
    countyCodes: new Set(regions.counties.map((c) => c.code)),
    countyGroups: grouped(
      regions.counties,
      regions,
      (c) => c.code,
      (c) => ({ value: c.code, label: c.name }),
    ),
    institutionGroups: grouped(institutions, regions, (i) => i.regionCode, toChoice),
    volunteerInstitutionGroups: grouped(
      institutions.filter((i) => i.acceptsVolunteers),
      regions,
      (i) => i.regionCode,
      toChoice,
    ),
  };
}

/**
 * The regions the site presents (content/site-scope.json; the bundled files, so
 * the running server needs no content folder).
 */
function scopedRegions(): RegionIndex {
  const scope = parseSiteScope(scopeData);
  return indexRegions(regionsInScope(parseRegions(regionsData), scope), scope);
}

let memo: FormReference | undefined;

/** The registry as bundled into this build (memoised). */
export function formReference(): FormReference {
  if (memo !== undefined) return memo;
  const files = import.meta.glob<unknown>('/content/institutions/**/*.json', { eager: true, import: 'default' });
  const records: Institution[] = [];
  for (const data of Object.values(files)) {
    // The build already failed on a bad record (content.config.ts loads the registry);
    // here a record that does not parse is simply not offered.
    const parsed = institutionSchema.safeParse(data);
    if (parsed.success) records.push(parsed.data);
  }
  // Same rule as loadRegistry: no sample records on a site with an operator (src/lib/samples.ts).
  memo = buildFormReference(
    visibleSamples(records, (r) => r.provenance.kind === 'sample'),
    scopedRegions(),
  );
  return memo;
}
