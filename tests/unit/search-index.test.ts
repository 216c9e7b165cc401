import { describe, expect, it } from 'vitest';
import {
  ADDED_WORD_WEIGHT,
  enrichForIndex,
  indexedText,
  missingCanonicals,
  pagefindDocument,
  urlOfHtmlFile,
  withoutAnchors,
} from '../../src/integrations/pagefind.ts';
import { namesOf } from '../../src/lib/search/names.ts';
import {
  checkSearchMetaProps,
  cityName,
  courseSearchMeta,
  institutionSearchMeta,
  lessonSearchMeta,
  regionSearchMeta,
} from '../../src/lib/search/page-meta.ts';
import { loadSynonymTable } from '../../src/lib/search/synonyms.ts';
import { loadRegistry } from '../../src/lib/registry/load.ts';

const table = loadSynonymTable();
const page = (main: string) =>
  `<!doctype html><html lang="zh-CN"><body><header data-pagefind-ignore="all">安宁疗护</header><main data-pagefind-body>${main}</main></body></html>`;

describe('index-time enrichment', () => {
  it('maps built files to site URLs', () => {
    expect(urlOfHtmlFile('index.html')).toBe('/');
    expect(urlOfHtmlFile('about/index.html')).toBe('/about/');
    expect(urlOfHtmlFile('courses/a/01-x/index.html')).toBe('/courses/a/01-x/');
    expect(urlOfHtmlFile('404.html')).toBe('/404.html');
  });

  it('finds canonical words a page lacks while using a synonym', () => {
    expect(missingCanonicals('以前叫临终关怀，老人住院', table)).toEqual(['安宁疗护', '老年']);
    expect(missingCanonicals('安宁疗护，也叫临终关怀', table)).toEqual([]);
  });

  it('adds the missing canonical words and the default type inside <main>, nothing else', () => {
    const { html, added, defaultType } = enrichForIndex(page('<h1>居家</h1><p>上门照顾临终关怀病人</p>'), table);
    expect(added).toEqual(['安宁疗护']);
    expect(defaultType).toBe(true);
    expect(html).toContain(
      `<div hidden data-pagefind-weight="${ADDED_WORD_WEIGHT}">安宁疗护</div><div hidden data-pagefind-ignore><span data-pagefind-filter="type">页面</span></div></main>`,
    );
  });

  it('looks for synonyms only in the text Pagefind indexes', () => {
    const html = page(
      '<h1>居家照护</h1><p data-pagefind-ignore>怎样<b>临终关怀</b></p><br><img src="x.png" alt=""><script>var a = "宁养";</script><p>灵性关怀</p>',
    );
    expect(indexedText(html).replace(/\s+/gu, ' ').trim()).toBe('居家照护 灵性关怀');
    expect(enrichForIndex(html, table).added).not.toContain('安宁疗护');
    expect(enrichForIndex(html, table).added).not.toContain('如何');
  });

  it('reports a searchAs key found outside its canonical word', () => {
    expect(enrichForIndex(page('<p>安宁疗护</p>'), table).looseKeys).toEqual([]);
    expect(enrichForIndex(page('<p>安宁疗护 心灵安宁</p>'), table).looseKeys).toEqual(['安宁']);
    expect(enrichForIndex(page('<p>安宁照护、安宁缓和医疗</p>'), table).looseKeys).toEqual([]);
  });

  it('indexes a copy without the ids inside <main>, so fragments carry no heading anchors the page never shows', () => {
    const html = `<!doctype html><html lang="zh-CN"><body><a id="top" href="#main">跳到正文</a><main id="main" data-pagefind-body><h2 id="pain" class="x">疼痛</h2><p data-id="7" title="id=&quot;x&quot;">止痛 id="y"</p></main><div id="after"></div></body></html>`;
    const indexed = withoutAnchors(html);
    expect(indexed).toContain('<a id="top" href="#main">');
    expect(indexed).toContain('<main data-pagefind-body>');
    expect(indexed).toContain('<h2 class="x">疼痛</h2>');
    expect(indexed).toContain('<p data-id="7" title="id=&quot;x&quot;">止痛 id="y"</p>');
    expect(indexed).toContain('<div id="after">');
    expect(enrichForIndex(html, table).html).not.toContain('id="pain"');
  });

  it('hands Pagefind only the language, the title and <main>: the navigation and scripts around it are never indexed', () => {
    const html = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>西湖区示例护理院 - 安宁疗护</title><script>var big = 1;</script></head><body><header><nav>导航 疼痛</nav></header><main id="main" data-pagefind-body><h1>西湖区示例护理院</h1><span data-pagefind-filter="city">杭州市</span></main><footer>页脚</footer></body></html>`;
    expect(pagefindDocument(html)).toBe(
      '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>西湖区示例护理院 - 安宁疗护</title></head><body><main id="main" data-pagefind-body><h1>西湖区示例护理院</h1><span data-pagefind-filter="city">杭州市</span></main></body></html>',
    );
    // Indexed from somewhere other than <main>, or no <main>: the page goes whole.
    const bodyIndexed = `<html lang="zh-CN"><body data-pagefind-body><main><h1>页</h1></main></body></html>`;
    expect(pagefindDocument(bodyIndexed)).toBe(bodyIndexed);
    expect(pagefindDocument('<html><body data-pagefind-body>无 main</body></html>')).toBe(
      '<html><body data-pagefind-body>无 main</body></html>',
    );
  });

  it('leaves a page with a declared type and no synonyms unchanged', () => {
    const html = page('<h1>疼痛</h1><div hidden data-pagefind-ignore><span data-pagefind-filter="type">机构</span></div>');
    expect(enrichForIndex(html, table)).toEqual({ html, added: [], defaultType: false, looseKeys: [] });
  });

  it('reads names and facts from a fragment', () => {
    expect(
      namesOf({
        meta: { title: '北京协和医院', aliases: '协和医院、中国医学科学院北京协和医院', kind: '综合医院', county: '东城区' },
        filters: { type: ['机构'], city: ['北京市'] },
      }),
    ).toEqual({
      names: ['北京协和医院', '协和医院', '中国医学科学院北京协和医院'],
      facts: ['机构', '综合医院', '北京市', '东城区'],
    });
    expect(namesOf({ meta: { title: '安宁疗护服务网' }, filters: { type: ['页面'] } })).toEqual({ names: ['安宁疗护服务网'], facts: [] });
  });
});

describe('page search metadata', () => {
  const { records, regions } = loadRegistry();

  it('names the city: prefecture city in Zhejiang, 北京市 for Beijing districts, none for Zhejiang itself', () => {
    expect(cityName('330106', regions)).toBe('杭州市');
    expect(cityName('110105', regions)).toBe('北京市');
    expect(cityName('110000', regions)).toBe('北京市');
    expect(cityName('330000', regions)).toBeUndefined();
  });

  it('gives institution pages type, place, modes, kind, verified date, sample flag and searchable codes', () => {
    const record = records.find((r) => r.id === 'bj-pumch');
    if (!record) throw new Error('bj-pumch missing from the registry');
    const props = institutionSearchMeta(record, regions);
    expect(props.type).toBe('机构');
    expect(props.filters).toEqual({ city: '北京市' });
    expect(props.meta).toMatchObject({ county: '东城区' });
    expect(props.facts).toEqual(['东城区', '门诊', '会诊']);
    expect(props.meta).toMatchObject({ kind: '综合医院', verified: record.provenance.verifiedAt, sample: undefined });
    expect(props.keywords).toEqual(expect.arrayContaining(['110101', '协和医院']));
    const sample = records.find((r) => r.provenance.kind === 'sample');
    if (!sample) throw new Error('no sample record');
    expect(institutionSearchMeta(sample, regions).meta?.['sample']).toBe('true');
  });

  it('gives courses and lessons their audience', () => {
    expect(courseSearchMeta({ audience: ['老年大学', '社区居民'], format: '课堂' })).toEqual({
      type: '课程',
      filters: { audience: ['老年大学', '社区居民'], format: '课堂' },
      meta: { audience: '老年大学、社区居民' },
    });
    expect(lessonSearchMeta({ audience: ['小学'], title: '生命的四季' })).toMatchObject({ type: '课时', meta: { course: '生命的四季' } });
    expect(regionSearchMeta('330106', regions)).toEqual({ type: '页面', filters: { city: '杭州市' }, keywords: ['330106'] });
  });

  it('rejects props Pagefind would misread', () => {
    expect(() => checkSearchMetaProps({ type: '医院' as never }, '/x/')).toThrow(/type must be one of/);
    expect(() => checkSearchMetaProps({ type: '机构', filters: { 'care mode': '住院' } }, '/x/')).toThrow(/not a valid filter/);
    expect(() => checkSearchMetaProps({ type: '机构', filters: { type: '课程' } }, '/x/')).toThrow(/type prop/);
    expect(() => checkSearchMetaProps({ type: '指南' }, '/x/')).not.toThrow();
  });
});
