import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ModuleGraph,
  checkBudgets,
  dynamicImports,
  gzipSize,
  pageRefs,
  pagesByType,
  staticImports,
  weighPage,
  weighSite,
} from '../../scripts/lib/page-weight.ts';

describe('import scanning in built chunks', () => {
  it('finds static imports and re-exports in minified code, not dynamic ones', () => {
    const code =
      'import{a as e,i as t}from"./hooks.js";import"./side.js";import x from \'./def.js\';import*as ns from"./ns.js";' +
      'export{q}from"./re.js";export*from"./all.js";const m=()=>import(`./map.js`);const p=import(`${base}pagefind.js`);';
    expect(staticImports(code).sort()).toEqual(['./all.js', './def.js', './hooks.js', './ns.js', './re.js', './side.js']);
    expect(dynamicImports(code)).toEqual(['./map.js']);
  });
});

describe('page references', () => {
  it('separates eager scripts, visible islands, inline scripts and stylesheets', () => {
    const html = `<link rel="stylesheet" href="/_astro/a.css"><link rel="modulepreload" href="/_astro/pre.js">
<script>var classic=1</script><script type="application/ld+json">{"a":1}</script>
<script type="module">import"/_astro/inline-dep.js";</script><script type="module" src="/_astro/app.js"></script>
<astro-island component-url="/_astro/Finder.js" renderer-url="/_astro/client.js" props="{&quot;a&quot;:[0,&quot;x&gt;&quot;]}" client="only"></astro-island>
<astro-island component-url="/_astro/Form.js" renderer-url="/_astro/client.js" client="visible"></astro-island>`;
    const refs = pageRefs(html);
    expect(refs.stylesheets).toEqual(['/_astro/a.css']);
    expect(refs.eagerScripts).toEqual(['/_astro/pre.js', '/_astro/app.js', '/_astro/Finder.js', '/_astro/client.js']);
    expect(refs.visibleScripts).toEqual(['/_astro/Form.js', '/_astro/client.js']);
    expect(refs.inlineScripts).toHaveLength(2);
    expect(refs.inlineImports).toEqual(['/_astro/inline-dep.js']);
  });
});

describe('weighing a built site', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'page-weight-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  const big = (seed: string) => Array.from({ length: 400 }, (_, i) => `${seed}${(i * 7919) % 1000}`).join(';');
  write('_astro/shared.js', `export const s=1;${big('s')}`);
  write('_astro/app.js', `import{s}from"./shared.js";const m=()=>import("./leaflet-map.X.js");${big('a')}`);
  write('_astro/leaflet-map.X.js', `import"./leaflet.js";import{s}from"./shared.js";${big('m')}`);
  write('_astro/leaflet.js', big('l'));
  write('_astro/form.js', big('f'));
  write('_astro/site.css', `body{color:red}${big('c')}`);
  const page = (extra: string) =>
    `<!doctype html><html><head><link rel="stylesheet" href="/_astro/site.css"></head><body>${extra}</body></html>`;
  write('index.html', page(''));
  write('services/index.html', page('<script type="module" src="/_astro/app.js"></script>'));
  write('services/sample-1/index.html', page('<p>one</p>'));
  write('services/shortlist/index.html', page(''));
  write('regions/330000/index.html', page(''));
  write('regions/330106/2/index.html', page(''));
  write('regions/330106/index.html', page(''));
  write('courses/c1/index.html', page(''));
  write('courses/c1/01-a/index.html', page(''));
  write('courses/for/junior/index.html', page(''));
  write('volunteer/index.html', page('<astro-island component-url="/_astro/form.js" client="visible"></astro-island>'));

  it('finds the pages of each type', () => {
    const byType = pagesByType(dir, ['c1']);
    expect(byType.home).toEqual(['/']);
    expect(byType.finder).toEqual(['/services/']);
    expect(byType.institution).toEqual(['/services/sample-1/']);
    expect(byType.region).toEqual(['/regions/330000/', '/regions/330106/', '/regions/330106/2/']);
    expect(byType.course).toEqual(['/courses/c1/']);
    expect(byType.lesson).toEqual(['/courses/c1/01-a/']);
    expect(byType.search).toEqual([]);
  });

  it('counts eager modules with their static imports, the map only with the map, visible islands apart', () => {
    const graph = new ModuleGraph(dir);
    const g = (p: string) => graph.gzip(p);
    const finder = weighPage(graph, '/services/', path.join(dir, 'services/index.html'), 'leaflet-map');
    expect(finder.scripts).toEqual(['/_astro/app.js', '/_astro/shared.js']);
    expect(finder.jsGzip).toBe(g('/_astro/app.js') + g('/_astro/shared.js'));
    expect(finder.jsWithMapGzip).toBe(finder.jsGzip + g('/_astro/leaflet-map.X.js') + g('/_astro/leaflet.js'));
    expect(finder.cssGzip).toBe(g('/_astro/site.css'));
    expect(finder.totalGzip).toBe(finder.htmlGzip + finder.cssGzip + finder.jsGzip);
    const volunteer = weighPage(graph, '/volunteer/', path.join(dir, 'volunteer/index.html'), 'leaflet-map');
    expect(volunteer.jsGzip).toBe(0);
    expect(volunteer.visibleJsGzip).toBe(g('/_astro/form.js'));
    expect(volunteer.jsWithMapGzip).toBeNull();
    expect(gzipSize('x'.repeat(1000))).toBeLessThan(100);
  });

  it('checks the heaviest page of each type; a type without pages fails', () => {
    const weights = weighSite(dir, { courses: ['c1'], mapModule: 'leaflet-map' });
    const results = checkBudgets(weights, {
      mapModule: 'leaflet-map',
      types: { home: { htmlGzip: 14336, jsGzip: 10 }, finder: { jsGzip: 10, jsWithMapGzip: 1_000_000 }, search: { jsGzip: 30720 } },
    });
    const by = (type: string, figure: string) => results.find((r) => r.type === type && r.figure === figure);
    expect(by('home', 'htmlGzip')?.over).toBe(false);
    expect(by('home', 'jsGzip')?.over).toBe(false);
    expect(by('finder', 'jsGzip')?.over).toBe(true);
    expect(by('finder', 'jsWithMapGzip')?.over).toBe(false);
    expect(by('search', 'jsGzip')).toMatchObject({ value: null, over: true });
  });
});
