/**
 * The registry as the staff console sees it: where an institution is (for the scope rules
 * in roles.ts), what it and a region are called, and which institutions and regions lie
 * within a commission's region. Built from the forms' reference data (the registry bundled
 * into the build), or in a script from the registry files.
 */
import type { Region } from '../../schemas/region.ts';
import { institutionLabel, type FormReference, type InstitutionInfo } from '../forms/reference-data.ts';
import { WHOLE_SITE, withinRegion, type CountyOf, type StaffGrant } from './roles.ts';

export interface Places {
  readonly countyOf: CountyOf;
  institution(id: string): InstitutionInfo | undefined;
  /** The institution's name (示例 marked), or its id when the registry no longer has it. */
  institutionName(id: string): string;
  /** Full region name (浙江省杭州市), or the code when unknown. */
  regionName(code: string): string;
  isRegion(code: string): boolean;
  /** Institutions within a region, by area then name. */
  institutionsIn(region: string): InstitutionInfo[];
  /** The region and the regions within it (province, cities, counties), in code order. */
  regionsWithin(region: string): Region[];
  /** A grant in words: 卫生健康委工作人员 · 浙江省杭州市 / 机构管理员 · 某某医院. */
  scopeName(grant: StaffGrant): string;
}

export function placesFrom(reference: FormReference): Places {
  const { regions } = reference;
  const institutionName = (id: string) => {
    const info = reference.institutionById.get(id);
    return info === undefined ? id : institutionLabel(info);
  };
  const regionName = (code: string) => (code === WHOLE_SITE ? '全站（所有地区）' : (regions.fullName(code) ?? code));
  return {
    countyOf: (id) => reference.institutionById.get(id)?.regionCode,
    institution: (id) => reference.institutionById.get(id),
    institutionName,
    regionName,
    isRegion: (code) => code === WHOLE_SITE || regions.byCode.has(code),
    institutionsIn: (region) => reference.institutions.filter((i) => withinRegion(i.regionCode, region)),
    regionsWithin: (region) =>
      [...regions.byCode.values()]
        .filter((r) => withinRegion(r.code, region))
        .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
    scopeName: (grant) => (grant.role === 'commission' ? regionName(grant.region) : institutionName(grant.institution)),
  };
}
