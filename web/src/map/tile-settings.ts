/** OpenStreetMap's standard tiles: the default base map. */
export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const STORAGE_KEY = 'motorcade.tiles';

/**
 * The base map's tile URL template: `?tiles=<url>` in the page's address (saved for next time),
 * else the saved one, else OpenStreetMap's. `none` (or `off`) means no tiles: the coordinate grid only.
 * @example
 * tileUrl(new URLSearchParams(location.search)); // 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'
 */
export function tileUrl(query: URLSearchParams, storage: Storage = localStorage): string | undefined {
  const asked = query.get('tiles');
  if (asked !== null) saveTileUrl(asked, storage);
  const chosen = asked ?? storage.getItem(STORAGE_KEY) ?? DEFAULT_TILE_URL;
  return chosen === '' || chosen === 'none' || chosen === 'off' ? undefined : chosen;
}

/** Saves the tile URL; an empty one goes back to the default. */
export function saveTileUrl(url: string, storage: Storage = localStorage): void {
  if (url.trim() === '') storage.removeItem(STORAGE_KEY);
  else storage.setItem(STORAGE_KEY, url.trim());
}

/** The attribution the default tiles require (OpenStreetMap's tile usage policy). */
export function tileAttribution(url: string): string {
  return url.includes('openstreetmap.org')
    ? '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    : '';
}
