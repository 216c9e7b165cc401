import { describe, expect, it } from 'vitest';
import { WHOLE_SITE, mayActFor, regionPrefix, withinRegion } from '../../src/lib/network/roles.ts';
import { rowScope, rowVisible, type ScopeFacts } from '../../src/lib/network/scope.ts';

const facts: ScopeFacts = {
  institutions: [
    { id: 'hz-xihu-a', regionCode: '330106' },
    { id: 'hz-gongshu-b', regionCode: '330105' },
    { id: 'nb-c', regionCode: '330203' },
    { id: 'bj-chaoyang-d', regionCode: '110105' },
  ],
  sessions: [
    { course: 'c1', session: 'at-a', institution: 'hz-xihu-a' },
    { course: 'c1', session: 'at-d', institution: 'bj-chaoyang-d' },
    { course: 'c2', session: 'street', institution: undefined },
  ],
};

describe('regions', () => {
  it('reads province, city and county codes as prefixes, and the whole site as everything', () => {
    expect(regionPrefix('330000')).toBe('33');
    expect(regionPrefix('330100')).toBe('3301');
    expect(regionPrefix('330106')).toBe('330106');
    expect(withinRegion('330106', '330100')).toBe(true);
    expect(withinRegion('330203', '330100')).toBe(false);
    expect(withinRegion('110105', WHOLE_SITE)).toBe(true);
  });
});

describe('who sees which submissions', () => {
  it('institution staff see only their own institution and the sessions held there', () => {
    const scope = rowScope([{ role: 'staff', institution: 'hz-xihu-a' }], facts);
    expect(scope).toEqual({ all: false, institutions: ['hz-xihu-a'], countyPrefixes: [], sessions: [{ course: 'c1', session: 'at-a' }] });
    expect(rowVisible(scope, 'volunteers', { institution: 'hz-xihu-a', county: '110105' })).toBe(true);
    // A volunteer who chose no institution but lives in the same county is not theirs.
    expect(rowVisible(scope, 'volunteers', { institution: null, county: '330106' })).toBe(false);
    expect(rowVisible(scope, 'reports', { institution: 'hz-gongshu-b' })).toBe(false);
    expect(rowVisible(scope, 'enrollments', { course: 'c1', session: 'at-d' })).toBe(false);
  });

  it('commission staff of a city see its institutions, sessions and volunteers who gave a county in it, and nothing of another city', () => {
    const scope = rowScope([{ role: 'commission', region: '330100' }], facts);
    expect(scope).toMatchObject({ institutions: ['hz-gongshu-b', 'hz-xihu-a'], countyPrefixes: ['3301'] });
    expect(rowVisible(scope, 'volunteers', { institution: null, county: '330106' })).toBe(true);
    expect(rowVisible(scope, 'volunteers', { institution: null, county: '330203' })).toBe(false);
    expect(rowVisible(scope, 'reports', { institution: 'nb-c' })).toBe(false);
    // What belongs to no place is the whole site's operators' alone.
    expect(rowVisible(scope, 'reports', { institution: null })).toBe(false);
    expect(rowVisible(scope, 'enrollments', { course: 'c2', session: 'street' })).toBe(false);
  });

  it("the whole site's operators see everything", () => {
    const scope = rowScope([{ role: 'commission', region: WHOLE_SITE }], facts);
    expect(scope).toEqual({ all: true });
    expect(rowVisible(scope, 'reports', { institution: null })).toBe(true);
  });

  it('grants add up: a manager of one institution who is also commission staff of a county', () => {
    const scope = rowScope(
      [
        { role: 'manager', institution: 'bj-chaoyang-d' },
        { role: 'commission', region: '330203' },
      ],
      facts,
    );
    expect(scope).toMatchObject({ institutions: ['bj-chaoyang-d', 'nb-c'], sessions: [{ course: 'c1', session: 'at-d' }] });
  });

  it('only managers and commission staff of the region act as managers for an institution', () => {
    expect(mayActFor([{ role: 'staff', institution: 'x' }], 'x', '330106', true)).toBe(false);
    expect(mayActFor([{ role: 'manager', institution: 'x' }], 'x', '330106', true)).toBe(true);
    expect(mayActFor([{ role: 'commission', region: '330100' }], 'x', '330106', true)).toBe(true);
    expect(mayActFor([{ role: 'commission', region: '330200' }], 'x', '330106', true)).toBe(false);
  });
});
