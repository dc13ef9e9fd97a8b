import * as L from 'leaflet';

/** Grid spacings (degrees) to choose from, so about four lines cross each tile. */
const STEPS = [
  45, 20, 10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 0.0005, 0.0002, 0.0001,
];

/**
 * A plain latitude/longitude grid drawn on canvas tiles, under the base map. Where map tiles
 * cannot be fetched (no network, a blocked tile server) the map still shows where things are.
 * @example
 * coordinateGrid().addTo(map);
 */
export function coordinateGrid(): L.GridLayer {
  const Grid = L.GridLayer.extend({
    createTile(this: L.GridLayer, coords: L.Coords): HTMLElement {
      const tile = document.createElement('canvas');
      const size = this.getTileSize();
      tile.width = size.x;
      tile.height = size.y;
      const context = tile.getContext('2d');
      if (context) drawTile(this, context, coords, size);
      return tile;
    },
  });
  const options: L.GridLayerOptions = { zIndex: 0, pane: 'tilePane', className: 'coordinate-grid' };
  return new (Grid as unknown as new (options: L.GridLayerOptions) => L.GridLayer)(options);
}

function drawTile(
  layer: L.GridLayer,
  context: CanvasRenderingContext2D,
  coords: L.Coords,
  size: L.Point,
): void {
  const map = (layer as unknown as { _map: L.Map })._map;
  const origin = coords.scaleBy(size);
  const northWest = map.unproject(origin, coords.z);
  const southEast = map.unproject(origin.add(size), coords.z);
  const spanLon = Math.abs(southEast.lng - northWest.lng);
  const step = STEPS.find((candidate) => spanLon / candidate >= 2) ?? STEPS.at(-1) ?? 1;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  context.fillStyle = '#eef1f5';
  context.fillRect(0, 0, size.x, size.y);
  context.strokeStyle = '#c9d1dc';
  context.fillStyle = '#7b8794';
  context.font = '10px system-ui, sans-serif';
  context.lineWidth = 1;
  const toPixel = (lat: number, lon: number): L.Point => map.project([lat, lon], coords.z).subtract(origin);
  for (let lon = Math.ceil(northWest.lng / step) * step; lon <= southEast.lng; lon += step) {
    const x = Math.round(toPixel(northWest.lat, lon).x) + 0.5;
    context.beginPath();
    context.moveTo(x, 0);
    context.lineTo(x, size.y);
    context.stroke();
    context.fillText(`${lon.toFixed(decimals)}°`, x + 3, size.y - 4);
  }
  for (let lat = Math.ceil(southEast.lat / step) * step; lat <= northWest.lat; lat += step) {
    const y = Math.round(toPixel(lat, northWest.lng).y) + 0.5;
    context.beginPath();
    context.moveTo(0, y);
    context.lineTo(size.x, y);
    context.stroke();
    context.fillText(`${lat.toFixed(decimals)}°`, 3, y - 3);
  }
}
