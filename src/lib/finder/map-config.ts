/**
 * Which map tiles the finder uses, from build-time environment variables
 * (docs/finder.md, README):
 *
 *   PUBLIC_MAP_PROVIDER   osm (default) | tianditu | custom | none
 *   PUBLIC_TIANDITU_TK    天地图 key (tianditu)
 *   PUBLIC_MAP_REVIEW_NO  审图号, shown at the bottom left (required by law for published maps in China)
 *   PUBLIC_MAP_TILE_URL   https tile template with {z} {x} {y} and optional {s} (custom)
 *   PUBLIC_MAP_SUBDOMAINS e.g. "abc" or "1,2,3,4" (custom)
 *   PUBLIC_MAP_ATTRIBUTION source text shown on the map (custom)
 *   PUBLIC_MAP_COORDS     wgs84 (default) | gcj02 — the coordinate system of custom tiles
 *
 * A visit can only lower this to "none" (?tiles=none); tile addresses never come from the URL.
 */
export const MAP_PROVIDERS = ['osm', 'tianditu', 'custom', 'none'] as const;
export type MapProvider = (typeof MAP_PROVIDERS)[number];

export interface TileSpec {
  /** Leaflet URL template. */
  readonly url: string;
  readonly subdomains: string | readonly string[];
  readonly maxZoom: number;
}

export interface MapConfig {
  readonly provider: MapProvider;
  /** Tile layers, bottom first (天地图: roads, then labels); empty for none. */
  readonly tiles: readonly TileSpec[];
  /** Source name for the attribution, e.g. OpenStreetMap 贡献者 or 天地图. */
  readonly source: string | null;
  /** Link for the source, when there is one. */
  readonly sourceUrl: string | null;
  /** 审图号, e.g. GS(2024)0568号. */
  readonly reviewNo: string | null;
  /** Coordinate system the tiles are drawn in; markers are converted to it. */
  readonly coords: 'wgs84' | 'gcj02';
  /** Why the configured provider could not be used (shown to developers in the console). */
  readonly problem: string | null;
}

export type MapEnv = Readonly<Record<string, string | boolean | undefined>>;

const text = (env: MapEnv, name: string): string | null => {
  const value = env[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

const NONE: MapConfig = { provider: 'none', tiles: [], source: null, sourceUrl: null, reviewNo: null, coords: 'wgs84', problem: null };

/** The tile configuration for `env` (import.meta.env), optionally lowered to none for this visit. */
export function mapConfig(env: MapEnv, override: 'none' | null = null): MapConfig {
  const wanted = (text(env, 'PUBLIC_MAP_PROVIDER') ?? 'osm').toLowerCase();
  const reviewNo = text(env, 'PUBLIC_MAP_REVIEW_NO');
  if (override === 'none') return { ...NONE, reviewNo: null };
  switch (wanted) {
    case 'none':
      return NONE;
    case 'osm':
      return {
        provider: 'osm',
        tiles: [{ url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', subdomains: [], maxZoom: 19 }],
        source: 'OpenStreetMap 贡献者',
        sourceUrl: 'https://www.openstreetmap.org/copyright',
        reviewNo,
        coords: 'wgs84',
        problem: null,
      };
    case 'tianditu': {
      const tk = text(env, 'PUBLIC_TIANDITU_TK');
      if (tk === null) return { ...NONE, problem: 'PUBLIC_MAP_PROVIDER=tianditu 需要 PUBLIC_TIANDITU_TK；地图只显示标记，不加载底图' };
      const layer = (name: 'vec' | 'cva') =>
        `https://t{s}.tianditu.gov.cn/${name}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${name}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(tk)}`;
      return {
        provider: 'tianditu',
        // 天地图 uses CGCS2000, which agrees with WGS-84 to within centimetres: no conversion.
        tiles: [
          { url: layer('vec'), subdomains: '01234567', maxZoom: 18 },
          { url: layer('cva'), subdomains: '01234567', maxZoom: 18 },
        ],
        source: '天地图',
        sourceUrl: 'https://www.tianditu.gov.cn/',
        reviewNo,
        coords: 'wgs84',
        problem: reviewNo === null ? '使用天地图发布地图时应设置 PUBLIC_MAP_REVIEW_NO（审图号）' : null,
      };
    }
    case 'custom': {
      const url = text(env, 'PUBLIC_MAP_TILE_URL');
      if (url === null || !/^https:\/\/[^\s]+$/.test(url) || !url.includes('{z}')) {
        return {
          ...NONE,
          problem: 'PUBLIC_MAP_PROVIDER=custom 需要以 https:// 开头、含 {z} {x} {y} 的 PUBLIC_MAP_TILE_URL；地图只显示标记',
        };
      }
      const subdomains = text(env, 'PUBLIC_MAP_SUBDOMAINS');
      return {
        provider: 'custom',
        tiles: [
          {
            url,
            subdomains: subdomains === null ? [] : subdomains.includes(',') ? subdomains.split(',').map((s) => s.trim()) : subdomains,
            maxZoom: 18,
          },
        ],
        source: text(env, 'PUBLIC_MAP_ATTRIBUTION'),
        sourceUrl: null,
        reviewNo,
        coords: (text(env, 'PUBLIC_MAP_COORDS') ?? '').toLowerCase() === 'gcj02' ? 'gcj02' : 'wgs84',
        problem: null,
      };
    }
    default:
      return { ...NONE, problem: `未知的 PUBLIC_MAP_PROVIDER=${wanted}（可用：${MAP_PROVIDERS.join('、')}）；地图只显示标记` };
  }
}
