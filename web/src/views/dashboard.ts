import { ApiClient } from '../api/api-client.js';
import type { Session } from '../auth/session.js';
import { FleetApi } from '../fleet/fleet-api.js';
import { FleetStore } from '../fleet/fleet-store.js';
import { AVAILABILITY_COLOURS, FleetMap } from '../map/fleet-map.js';
import { saveTileUrl, tileUrl } from '../map/tile-settings.js';
import { OperationsView } from '../ops/operations-view.js';
import { RealtimeClient } from '../realtime/realtime-client.js';
import { el, replaceChildren } from '../ui/dom.js';
import { DetailPanel } from './detail-panel.js';
import { itemsPanel } from './items-panel.js';
import { vehiclesPanel } from './vehicles-panel.js';

/** The lists are reloaded this often anyway, in case a realtime message was missed. */
const RESYNC_EVERY_MS = 30_000;

/**
 * The signed-in app: header (navigation, realtime state, user, logout), the fleet view (map, lists,
 * details) at `#/` and the operations view at `#/operations`.
 * @example
 * const dashboard = new Dashboard(session);
 * root.replaceChildren(dashboard.element);
 * dashboard.start();
 */
export class Dashboard {
  readonly element: HTMLElement;
  readonly #session: Session;
  readonly #fleet: FleetApi;
  readonly #store = new FleetStore();
  readonly #realtime: RealtimeClient;
  readonly #map: FleetMap;
  readonly #detail: DetailPanel;
  readonly #operations = new OperationsView();
  readonly #fleetView: HTMLElement;
  readonly #problems = el('div', { class: 'problems', 'data-testid': 'load-errors', hidden: true });
  readonly #status = el('span', {
    class: 'realtime',
    'data-testid': 'realtime-status',
    'data-state': 'offline',
  });
  #resync: number | undefined;
  #stale: number | undefined;
  readonly #onRoute = (): void => this.#route();

  constructor(session: Session) {
    this.#session = session;
    this.#fleet = new FleetApi(new ApiClient(session));
    // Inline, because Leaflet reads the position before the element is in the document and would
    // otherwise make it `relative` (zero height inside its absolutely sized parent).
    const mapElement = el('div', {
      class: 'map',
      'data-testid': 'fleet-map',
      style: 'position:absolute;inset:0',
    });
    const tiles = tileUrl(new URLSearchParams(location.search));
    this.#map = new FleetMap(mapElement, this.#store, {
      tileUrl: tiles,
      onSelectVehicle: (id) => void this.#detail.showVehicle(id),
      onSelectItem: (id) => void this.#detail.showItem(id),
    });
    this.#detail = new DetailPanel(this.#fleet, this.#store, this.#map);
    this.#realtime = new RealtimeClient({
      token: () => session.accessToken(),
      onState: (state) => {
        this.#status.dataset.state = state;
        this.#status.textContent = `live: ${state}`;
      },
      onConnected: () => void this.reload(),
      onMessage: (message) => {
        if (message.type === 'positions') this.#store.applyPositions(message.positions);
        else if (message.type === 'event') this.#store.applyEvent(message.event);
      },
    });
    this.#store.subscribe((change) => {
      if (change !== 'stale') return;
      window.clearTimeout(this.#stale);
      this.#stale = window.setTimeout(() => void this.reload(), 1_000);
    });
    this.#fleetView = el(
      'div',
      { class: 'fleet', 'data-testid': 'fleet-view' },
      el('div', { class: 'map-wrap' }, mapElement, legend(tiles)),
      el(
        'aside',
        { class: 'side' },
        vehiclesPanel(this.#store, (id) => void this.#detail.showVehicle(id)),
        itemsPanel(this.#store, (id) => void this.#detail.showItem(id)),
        this.#detail.element,
      ),
    );
    const user = session.current?.user;
    this.element = el(
      'div',
      { class: 'shell' },
      el(
        'header',
        { class: 'top' },
        el('strong', { class: 'brand' }, 'Motorcade'),
        el(
          'nav',
          {},
          el('a', { href: '#/', 'data-testid': 'nav-fleet' }, 'Fleet'),
          el('a', { href: '#/operations', 'data-testid': 'nav-operations' }, 'Operations'),
        ),
        this.#status,
        el(
          'span',
          { class: 'user', 'data-testid': 'current-user' },
          `${user?.email ?? ''} · ${session.current?.organisation ?? ''} · ${user?.role ?? ''}`,
        ),
        el(
          'button',
          { class: 'link', 'data-testid': 'logout', onclick: () => void session.logout() },
          'Log out',
        ),
      ),
      this.#problems,
      this.#fleetView,
      this.#operations.element,
    );
  }

  start(): void {
    window.addEventListener('hashchange', this.#onRoute);
    this.#route();
    void this.reload();
    this.#realtime.start();
    this.#resync = window.setInterval(() => void this.reload(), RESYNC_EVERY_MS);
  }

  stop(): void {
    window.removeEventListener('hashchange', this.#onRoute);
    window.clearInterval(this.#resync);
    window.clearTimeout(this.#stale);
    this.#realtime.stop();
    this.#operations.hide();
  }

  /** Loads vehicles, items, latest positions and open offers; each on its own, so one failing API hides nothing else. */
  async reload(): Promise<void> {
    const problems: string[] = [];
    const load = async <T>(
      what: string,
      fetcher: () => Promise<T>,
      apply: (value: T) => void,
    ): Promise<void> => {
      try {
        apply(await fetcher());
      } catch (error) {
        problems.push(`${what}: ${(error as Error).message}`);
      }
    };
    await Promise.all([
      load(
        'vehicles',
        () => this.#fleet.vehicles(),
        (v) => this.#store.replaceVehicles(v),
      ),
      load(
        'items',
        () => this.#fleet.items(),
        (v) => this.#store.replaceItems(v),
      ),
      load(
        'positions',
        () => this.#fleet.latestPositions(),
        (v) => this.#store.applyPositions(v),
      ),
      load(
        'offers',
        () => this.#fleet.openOffers(),
        (v) => this.#store.replaceOffers(v),
      ),
    ]);
    if (!this.#session.current) return;
    this.#problems.hidden = problems.length === 0;
    replaceChildren(this.#problems, ...problems.map((problem) => el('div', {}, problem)));
  }

  #route(): void {
    const operations = location.hash.startsWith('#/operations');
    this.#fleetView.hidden = operations;
    this.#operations.element.hidden = !operations;
    for (const link of this.element.querySelectorAll('nav a'))
      link.classList.toggle('active', link.getAttribute('href') === (operations ? '#/operations' : '#/'));
    if (operations) this.#operations.show();
    else {
      this.#operations.hide();
      // Leaflet measures its container; it was hidden while the operations view showed.
      requestAnimationFrame(() => this.#map.resize());
    }
  }
}

function legend(tiles: string | undefined): HTMLElement {
  const input = el('input', {
    'data-testid': 'tile-url',
    value: tiles ?? 'none',
    title: 'Tile URL template ({z}/{x}/{y}); "none" for the grid only',
  });
  return el(
    'div',
    { class: 'legend-box', 'data-testid': 'map-legend' },
    ...Object.entries(AVAILABILITY_COLOURS).map(([name, colour]) =>
      el('span', {}, el('span', { class: 'dot', style: `background:${colour}` }), name),
    ),
    el('span', {}, el('span', { class: 'dot pickup' }), 'pickup'),
    el('span', {}, el('span', { class: 'dot dropoff' }), 'drop-off'),
    el('span', {}, el('span', { class: 'dash' }), 'offer'),
    el(
      'form',
      {
        class: 'tiles',
        onsubmit: (event: Event) => {
          event.preventDefault();
          saveTileUrl(input.value);
          location.search = '';
        },
      },
      el('label', {}, 'tiles ', input),
    ),
  );
}
