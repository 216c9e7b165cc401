import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSyntheticRegistry, registryRelativePath } from '../../scripts/lib/synthetic-registry.ts';
import { loadRegions, loadRegistry } from '../../src/lib/registry/load.ts';
import { formatInstitutionJson } from '../../src/schemas/institution.ts';
import { RegistryError } from '../../src/lib/registry/errors.ts';
import { TODAY } from './registry-helpers.ts';

/** An operator adopting the site for Shanghai: a scope file and a registry folder, no code. */
const root = mkdtempSync(join(tmpdir(), 'scope-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const scopeFile = join(root, 'site-scope.json');
writeFileSync(scopeFile, JSON.stringify({ provinces: [{ code: '310000', folder: 'shanghai', idPrefix: 'sh-' }] }));

describe('the site scope (content/site-scope.json)', () => {
  it('presents only the configured provinces from the national regions file', () => {
    const shipped = loadRegions();
    expect(shipped.provinces.map((p) => p.name)).toEqual(['北京市', '浙江省']);
    expect(shipped.scopeOf('330000')).toMatchObject({ folder: 'zhejiang', idPrefix: 'zj-', bounds: { minLat: 27, maxLat: 31.2 } });
    expect(shipped.byCode.get('310101')).toBeUndefined();

    const shanghai = loadRegions('content/regions.json', scopeFile);
    expect(shanghai.provinces.map((p) => p.name)).toEqual(['上海市']);
    expect(shanghai.counties.length).toBe(16);
    expect(shanghai.scopeOf('310000')?.folder).toBe('shanghai');
    expect(shanghai.byCode.get('330106')).toBeUndefined();
  });

  it('lets a province be added by configuration and records alone', () => {
    const regions = loadRegions('content/regions.json', scopeFile);
    const dir = join(root, 'institutions');
    for (const record of generateSyntheticRegistry({ count: 40, seed: 7, regions, today: TODAY })) {
      const file = join(dir, registryRelativePath(record, regions));
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, formatInstitutionJson(record));
    }
    const loaded = loadRegistry({ dir, scopeFile, today: TODAY, samples: true, cache: false });
    expect(loaded.records).toHaveLength(40);
    expect(loaded.records.every((r) => r.regionCode.startsWith('31'))).toBe(true);

    // A record filed in the wrong folder is told where it belongs.
    const first = loaded.records[0];
    if (first === undefined) throw new Error('no record');
    mkdirSync(join(dir, 'elsewhere'), { recursive: true });
    rmSync(join(dir, 'shanghai', `${first.id}.json`));
    writeFileSync(join(dir, 'elsewhere', `${first.id}.json`), formatInstitutionJson(first));
    expect(() => loadRegistry({ dir, scopeFile, today: TODAY, samples: true, cache: false })).toThrow(/content\/institutions\/shanghai\//);
  });

  it('refuses a record outside the scope, and a scope the regions file cannot serve', () => {
    const dir = join(root, 'outside');
    const [record] = generateSyntheticRegistry({ count: 1, seed: 1, regions: loadRegions(), today: TODAY });
    if (record === undefined) throw new Error('no record');
    mkdirSync(join(dir, 'beijing'), { recursive: true });
    writeFileSync(join(dir, 'beijing', `${record.id}.json`), formatInstitutionJson(record));
    const run = (): unknown => loadRegistry({ dir, scopeFile, today: TODAY, samples: true, cache: false });
    expect(run).toThrow(RegistryError);
    expect(run).toThrow(/不是本站收录的区县（本站收录：上海市/);

    const bad = join(root, 'bad-scope.json');
    writeFileSync(bad, JSON.stringify({ provinces: [{ code: '990000', folder: 'nowhere', idPrefix: 'nw-' }] }));
    expect(() => loadRegions('content/regions.json', bad)).toThrow(/990000/);
    writeFileSync(
      bad,
      JSON.stringify({
        provinces: [
          { code: '310000', folder: 'same', idPrefix: 'sh-' },
          { code: '320000', folder: 'same', idPrefix: 'js-' },
        ],
      }),
    );
    expect(() => loadRegions('content/regions.json', bad)).toThrow(/folder: 重复/);
  });
});
