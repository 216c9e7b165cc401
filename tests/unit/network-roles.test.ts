/** Who may do what in the staff console (src/lib/network/roles.ts): pure rules, no database. */
import { describe, expect, it } from 'vitest';
import {
  grantFrom,
  grantScope,
  invitableRoles,
  isCommission,
  mayActFor,
  mayGrant,
  mayInviteCommission,
  mayManagePerson,
  maySeeInstitution,
  ownInstitutions,
  ownRegions,
  regionPrefix,
  requiresTwoFactor,
  withinRegion,
  type StaffGrant,
} from '../../src/lib/network/roles.ts';

/** Two institutions in Hangzhou (西湖区, 上城区), one in Ningbo, one in Beijing. */
const COUNTIES: Record<string, string> = {
  'zj-xihu': '330106',
  'zj-shangcheng': '330102',
  'zj-ningbo': '330203',
  'bj-dongcheng': '110101',
};
const countyOf = (id: string) => COUNTIES[id];

const zhejiang: StaffGrant = { role: 'commission', region: '330000' };
const hangzhou: StaffGrant = { role: 'commission', region: '330100' };
const xihuCounty: StaffGrant = { role: 'commission', region: '330106' };
const xihuManager: StaffGrant = { role: 'manager', institution: 'zj-xihu' };
const xihuStaff: StaffGrant = { role: 'staff', institution: 'zj-xihu' };
const ningboManager: StaffGrant = { role: 'manager', institution: 'zj-ningbo' };

describe('regions', () => {
  it('reads a province, city or county code as the prefix it covers', () => {
    expect(regionPrefix('330000')).toBe('33');
    expect(regionPrefix('330100')).toBe('3301');
    expect(regionPrefix('330106')).toBe('330106');
    expect(withinRegion('330106', '330000')).toBe(true);
    expect(withinRegion('330106', '330100')).toBe(true);
    expect(withinRegion('330203', '330100')).toBe(false);
    expect(withinRegion('110101', '330000')).toBe(false);
  });
});

describe('grants', () => {
  it('round-trip through their stored role and scope', () => {
    for (const g of [zhejiang, xihuManager, xihuStaff]) expect(grantFrom(g.role, grantScope(g))).toEqual(g);
    expect(grantFrom('admin', 'x')).toBeUndefined();
  });

  it('list a person’s institutions and regions once each', () => {
    const grants = [xihuManager, xihuStaff, ningboManager, hangzhou];
    expect(ownInstitutions(grants)).toEqual(['zj-xihu', 'zj-ningbo']);
    expect(ownRegions(grants)).toEqual(['330100']);
    expect(isCommission(grants)).toBe(true);
    expect(isCommission([xihuManager])).toBe(false);
  });

  it('require two-step sign-in of commission staff only', () => {
    expect(requiresTwoFactor([xihuManager, hangzhou])).toBe(true);
    expect(requiresTwoFactor([xihuManager])).toBe(false);
    expect(requiresTwoFactor([])).toBe(false);
  });
});

describe('seeing an institution', () => {
  it('is for its own people and the commission of a region around it', () => {
    expect(maySeeInstitution([xihuStaff], 'zj-xihu', countyOf)).toBe(true);
    expect(maySeeInstitution([hangzhou], 'zj-xihu', countyOf)).toBe(true);
    expect(maySeeInstitution([xihuCounty], 'zj-xihu', countyOf)).toBe(true);
  });

  it('is refused to staff of another institution and to commission staff elsewhere', () => {
    expect(maySeeInstitution([xihuStaff], 'zj-shangcheng', countyOf)).toBe(false);
    expect(maySeeInstitution([ningboManager], 'zj-xihu', countyOf)).toBe(false);
    expect(maySeeInstitution([hangzhou], 'zj-ningbo', countyOf)).toBe(false);
    expect(maySeeInstitution([zhejiang], 'bj-dongcheng', countyOf)).toBe(false);
    expect(maySeeInstitution([zhejiang], 'zj-unknown', countyOf)).toBe(false);
  });

  it('as a manager needs the manager role there', () => {
    expect(mayActFor([xihuStaff], 'zj-xihu', '330106', true)).toBe(false);
    expect(mayActFor([xihuManager], 'zj-xihu', '330106', true)).toBe(true);
  });
});

describe('inviting', () => {
  it('commission staff invite managers and staff in their region, and commission staff within it', () => {
    expect(invitableRoles([hangzhou], 'zj-xihu', '330106')).toEqual(['manager', 'staff']);
    expect(mayGrant([hangzhou], { role: 'manager', institution: 'zj-shangcheng' }, countyOf)).toBe(true);
    expect(mayGrant([hangzhou], xihuCounty, countyOf)).toBe(true);
    expect(mayGrant([hangzhou], hangzhou, countyOf)).toBe(true);
    expect(mayInviteCommission([hangzhou], '330000')).toBe(false);
    expect(mayGrant([hangzhou], zhejiang, countyOf)).toBe(false);
    expect(mayGrant([hangzhou], ningboManager, countyOf)).toBe(false);
  });

  it('managers invite managers and staff of their own institution only', () => {
    expect(mayGrant([xihuManager], xihuStaff, countyOf)).toBe(true);
    expect(mayGrant([xihuManager], { role: 'manager', institution: 'zj-xihu' }, countyOf)).toBe(true);
    expect(mayGrant([xihuManager], { role: 'staff', institution: 'zj-shangcheng' }, countyOf)).toBe(false);
    expect(mayGrant([xihuManager], xihuCounty, countyOf)).toBe(false);
  });

  it('staff invite nobody, and nobody invites to an institution the registry does not know', () => {
    expect(invitableRoles([xihuStaff], 'zj-xihu', '330106')).toEqual([]);
    expect(mayGrant([xihuStaff], xihuStaff, countyOf)).toBe(false);
    expect(mayGrant([zhejiang], { role: 'manager', institution: 'zj-unknown' }, countyOf)).toBe(false);
  });
});

describe('managing a colleague’s account', () => {
  it('is allowed when every grant they hold is one the actor could give', () => {
    expect(mayManagePerson([xihuManager], false, [xihuStaff], countyOf)).toBe(true);
    expect(mayManagePerson([hangzhou], false, [xihuManager, { role: 'staff', institution: 'zj-shangcheng' }], countyOf)).toBe(true);
  });

  it('is refused when they also hold a grant beyond the actor’s reach', () => {
    // A manager must not take over commission staff who also serve at the institution.
    expect(mayManagePerson([xihuManager], false, [xihuStaff, hangzhou], countyOf)).toBe(false);
    expect(mayManagePerson([xihuManager], false, [xihuStaff, ningboManager], countyOf)).toBe(false);
    expect(mayManagePerson([xihuStaff], false, [xihuStaff], countyOf)).toBe(false);
  });

  it('is never for one’s own account or for a person without grants', () => {
    expect(mayManagePerson([zhejiang], true, [hangzhou], countyOf)).toBe(false);
    expect(mayManagePerson([zhejiang], false, [], countyOf)).toBe(false);
  });
});
