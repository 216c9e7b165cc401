/**
 * Links that open 高德地图, 百度地图 and OpenStreetMap (app or website) at an institution.
 *
 * The registry stores WGS-84. 高德 expects GCJ-02 and 百度 BD-09, so positions are
 * converted here (src/lib/geo-cn.ts) and passed with the matching coordinate type
 * (coordinate=gaode, coord_type=bd09ll). When the position is only the county centre,
 * a pin there would mislead, so the links search for the institution's name instead.
 */
import { wgs84ToBd09, wgs84ToGcj02 } from '../geo-cn.ts';
import type { LatLng } from '../geo.ts';

export interface DirectionsInput {
  readonly name: string;
  /** WGS-84 position. */
  readonly position: LatLng;
  /** True when the position is the institution's own, false when only the county centre. */
  readonly exact: boolean;
  /** City (or Beijing) name, to narrow a name search. */
  readonly city: string;
  /** Address or region name for the 百度 marker's description. */
  readonly description: string;
}

export interface DirectionsLinks {
  readonly amap: string;
  readonly baidu: string;
  readonly osm: string;
}

/** Source tag the 高德 and 百度 URI APIs ask callers to send. */
export const URI_SOURCE = 'webapp.anning.hospice';

const fixed = (n: number) => n.toFixed(6);

export function directionsLinks({ name, position, exact, city, description }: DirectionsInput): DirectionsLinks {
  const gcj = wgs84ToGcj02(position);
  const bd = wgs84ToBd09(position);
  if (exact) {
    const amap = new URLSearchParams({
      position: `${fixed(gcj.lng)},${fixed(gcj.lat)}`,
      name,
      src: URI_SOURCE,
      coordinate: 'gaode',
      callnative: '1',
    });
    const baidu = new URLSearchParams({
      location: `${fixed(bd.lat)},${fixed(bd.lng)}`,
      title: name,
      content: description,
      output: 'html',
      coord_type: 'bd09ll',
      src: URI_SOURCE,
    });
    const lat = fixed(position.lat);
    const lng = fixed(position.lng);
    return {
      amap: `https://uri.amap.com/marker?${amap}`,
      baidu: `https://api.map.baidu.com/marker?${baidu}`,
      osm: `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=17/${lat}/${lng}`,
    };
  }
  const amap = new URLSearchParams({
    keyword: name,
    city,
    center: `${fixed(gcj.lng)},${fixed(gcj.lat)}`,
    src: URI_SOURCE,
    coordinate: 'gaode',
    callnative: '1',
  });
  const baidu = new URLSearchParams({ query: name, region: city, output: 'html', src: URI_SOURCE });
  return {
    amap: `https://uri.amap.com/search?${amap}`,
    baidu: `https://api.map.baidu.com/place/search?${baidu}`,
    osm: `https://www.openstreetmap.org/search?${new URLSearchParams({ query: name })}`,
  };
}
