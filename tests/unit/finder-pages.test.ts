import { describe, expect, it } from 'vitest';
import { formatDateZh, phoneGroups, telHref } from '../../src/lib/finder/format.ts';
import { directionsLinks } from '../../src/lib/institution/directions.ts';
import { institutionJsonLd, jsonLdText } from '../../src/lib/institution/jsonld.ts';
import { readShortlist, toggleShortlist, writeShortlist, SHORTLIST_MAX, type KeyValueStore } from '../../src/lib/finder/shortlist.ts';
import { mapConfig } from '../../src/lib/finder/map-config.ts';
import { regionListing, recordsIn } from '../../src/lib/finder/region-listing.ts';
import { loadRegistry } from '../../src/lib/registry/load.ts';
import type { Institution } from '../../src/schemas/institution.ts';
import { TODAY, minimalRecord, regions } from './registry-helpers.ts';

describe('call links and dates', () => {
  it('makes tel: links from published numbers, extensions as a pause', () => {
    expect(telHref('010-12345678')).toBe('tel:01012345678');
    expect(telHref('0571-87654321转8001')).toBe('tel:057187654321,8001');
    expect(telHref('+86 571 8765 4321')).toBe('tel:+8657187654321');
  });
  it('splits numbers into unbreakable groups for narrow screens', () => {
    expect(phoneGroups('010 6915 6114')).toEqual(['010', '6915', '6114']);
    expect(phoneGroups('0571-87654321转8001')).toEqual(['0571\u2011', '87654321', '转8001']);
    expect(phoneGroups('12320')).toEqual(['12320']);
  });
  it('writes dates the Chinese way', () => {
    expect(formatDateZh('2026-11-02')).toBe('2026年11月2日');
    expect(formatDateZh('nonsense')).toBe('nonsense');
  });
});

describe('directions links', () => {
  const position = { lat: 39.915, lng: 116.404 };
  it('convert WGS-84 to GCJ-02 for 高德 and BD-09 for 百度 when the position is exact', () => {
    const links = directionsLinks({ name: '测试医院', position, exact: true, city: '北京市', description: '北京市东城区' });
    const amap = new URL(links.amap);
    expect(amap.origin + amap.pathname).toBe('https://uri.amap.com/marker');
    expect(amap.searchParams.get('position')).toBe('116.410244,39.916404');
    expect(amap.searchParams.get('coordinate')).toBe('gaode');
    expect(amap.searchParams.get('name')).toBe('测试医院');
    const baidu = new URL(links.baidu);
    expect(baidu.pathname).toBe('/marker');
    expect(baidu.searchParams.get('coord_type')).toBe('bd09ll');
    expect(baidu.searchParams.get('location')).toMatch(/^39\.92\d+,116\.41\d+$/);
    expect(baidu.searchParams.get('output')).toBe('html');
    expect(baidu.searchParams.get('src')).toBeTruthy();
    expect(links.osm).toContain('mlat=39.915000&mlon=116.404000');
  });
  it('search by name when only the county centre is known', () => {
    const links = directionsLinks({ name: '北京协和医院', position, exact: false, city: '北京市', description: '北京市东城区' });
    expect(new URL(links.amap).pathname).toBe('/search');
    expect(new URL(links.amap).searchParams.get('keyword')).toBe('北京协和医院');
    expect(new URL(links.baidu).searchParams.get('query')).toBe('北京协和医院');
    expect(links.osm).toContain('/search?query=');
  });
});

describe('JSON-LD', () => {
  const real: Institution = {
    ...minimalRecord(),
    contact: { phones: [{ number: '0571-87654321' }] },
    location: { lat: 30.27, lng: 120.13, precision: 'exact' },
  };
  it('states only what the record holds', () => {
    const ld = institutionJsonLd(real, regions(), 'http://x/services/zj-test-minimal/');
    expect(ld).toMatchObject({ '@type': 'Hospital', name: '测试医院', telephone: '0571-87654321', geo: { latitude: 30.27 } });
    expect((ld?.['address'] as Record<string, unknown>)['streetAddress']).toBeUndefined();
    const noPhone = institutionJsonLd(minimalRecord(), regions(), 'http://x/');
    expect(noPhone?.['telephone']).toBeUndefined();
    expect(noPhone?.['geo']).toBeUndefined(); // county centre only
  });
  it('is omitted for sample records and safe inside a script element', () => {
    const sample: Institution = { ...minimalRecord(), provenance: { kind: 'sample', source: 's', verifiedAt: TODAY } };
    expect(institutionJsonLd(sample, regions(), 'http://x/')).toBeNull();
    expect(jsonLdText({ name: '</script><b>' })).not.toContain('</script>');
  });
});

describe('shortlist storage', () => {
  const memory = (): KeyValueStore & { data: Map<string, string> } => {
    const data = new Map<string, string>();
    return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
  };
  it('adds, removes and survives garbage', () => {
    const s = memory();
    expect(readShortlist(s)).toEqual([]);
    expect(toggleShortlist('bj-pumch', s)).toEqual(['bj-pumch']);
    expect(toggleShortlist('sample-330106', s)).toEqual(['bj-pumch', 'sample-330106']);
    expect(toggleShortlist('bj-pumch', s)).toEqual(['sample-330106']);
    s.data.set('anning.shortlist', '{not json');
    expect(readShortlist(s)).toEqual([]);
    s.data.set('anning.shortlist', JSON.stringify(['ok-not-an-id', 'bj-a', 3, 'bj-a']));
    expect(readShortlist(s)).toEqual(['bj-a']);
    writeShortlist(
      Array.from({ length: 50 }, (_, i) => `bj-x${i}`),
      s,
    );
    expect(readShortlist(s)).toHaveLength(SHORTLIST_MAX);
    expect(readShortlist(null)).toEqual([]);
  });
});

describe('map tile configuration', () => {
  it('defaults to OpenStreetMap', () => {
    const c = mapConfig({});
    expect(c.provider).toBe('osm');
    expect(c.tiles[0]?.url).toMatch(/^https:\/\/tile\.openstreetmap\.org\//);
  });
  it('uses 天地图 with its key and shows the 审图号', () => {
    const c = mapConfig({ PUBLIC_MAP_PROVIDER: 'tianditu', PUBLIC_TIANDITU_TK: 'abc', PUBLIC_MAP_REVIEW_NO: 'GS(2024)0568号' });
    expect(c.tiles).toHaveLength(2);
    expect(c.tiles.every((t) => t.url.includes('tk=abc') && t.url.startsWith('https://t{s}.tianditu.gov.cn/'))).toBe(true);
    expect(c.reviewNo).toBe('GS(2024)0568号');
    expect(c.source).toBe('天地图');
    expect(mapConfig({ PUBLIC_MAP_PROVIDER: 'tianditu' })).toMatchObject({ provider: 'none', tiles: [] });
  });
  it('takes a custom https template, and falls back to none otherwise', () => {
    const c = mapConfig({
      PUBLIC_MAP_PROVIDER: 'custom',
      PUBLIC_MAP_TILE_URL: 'https://{s}.tiles.example/{z}/{x}/{y}.png',
      PUBLIC_MAP_SUBDOMAINS: '1,2,3',
      PUBLIC_MAP_ATTRIBUTION: '示例图源',
      PUBLIC_MAP_COORDS: 'gcj02',
    });
    expect(c).toMatchObject({ provider: 'custom', source: '示例图源', coords: 'gcj02' });
    expect(c.tiles[0]?.subdomains).toEqual(['1', '2', '3']);
    expect(mapConfig({ PUBLIC_MAP_PROVIDER: 'custom', PUBLIC_MAP_TILE_URL: 'http://insecure/{z}/{x}/{y}.png' }).provider).toBe('none');
    expect(mapConfig({ PUBLIC_MAP_PROVIDER: 'bogus' }).provider).toBe('none');
  });
  it('none means no tiles at all, and a visit can lower any provider to none', () => {
    expect(mapConfig({ PUBLIC_MAP_PROVIDER: 'none' }).tiles).toEqual([]);
    expect(mapConfig({ PUBLIC_MAP_PROVIDER: 'osm' }, 'none').tiles).toEqual([]);
  });
});

describe('region listing', () => {
  it('puts every record on exactly one county page and counts upwards', () => {
    const { records, regions: r } = loadRegistry({ today: TODAY });
    const listing = regionListing(records, r);
    const onCounties = r.counties.flatMap((c) => recordsIn(listing, r, c.code).map((x) => x.id));
    expect(onCounties.sort()).toEqual(records.map((x) => x.id).sort());
    expect(listing.counts.get('110000')! + listing.counts.get('330000')!).toBe(records.length);
    expect(recordsIn(listing, r, '330000')).toHaveLength(listing.counts.get('330000') ?? -1);
  });
});
