import { el, replaceChildren, timeOf } from '../ui/dom.js';
import { type AlarmState, evaluateAlarms, thresholds } from './alarms.js';
import { lineChart } from './line-chart.js';
import { MetricsPoller } from './metrics-poller.js';
import {
  apiInvocations,
  concurrency,
  errorsByFunction,
  invocationsByService,
  queueAges,
} from './metrics-series.js';
import type { ChartData, MetricsSnapshot } from './metrics-types.js';

interface Panel {
  readonly testid: string;
  readonly title: string;
  readonly data: (snapshot: MetricsSnapshot) => ChartData;
  readonly threshold?: (limits: ReturnType<typeof thresholds>) => number;
}

/** The panels the seed's team found most useful, in their order. */
const PANELS: readonly Panel[] = [
  {
    testid: 'ops-concurrency',
    title: 'Total concurrent executions',
    data: concurrency,
    threshold: (limits) => limits.concurrentExecutions,
  },
  { testid: 'ops-errors', title: 'Errors, every function', data: errorsByFunction },
  {
    testid: 'ops-queue-ages',
    title: 'SQS: age of the oldest message (s)',
    data: queueAges,
    threshold: (limits) => limits.queueAgeSeconds,
  },
  { testid: 'ops-api', title: 'API invocations', data: apiInvocations },
  { testid: 'ops-invocations', title: 'Invocations per service', data: invocationsByService },
];

/**
 * The operations view: live charts from the local cloud's metrics and the alarms, polled every
 * few seconds while the view is shown.
 * @example
 * const ops = new OperationsView();
 * ops.show(); // starts polling
 */
export class OperationsView {
  readonly element: HTMLElement;
  readonly #status = el('span', { class: 'muted', 'data-testid': 'ops-updated' }, 'waiting for figures…');
  readonly #alarms = el('tbody', { 'data-testid': 'ops-alarm-rows' });
  readonly #charts = new Map<string, HTMLElement>();
  readonly #grid: HTMLElement;
  readonly #poller = new MetricsPoller(
    (snapshot) => this.#draw(snapshot),
    (error) => {
      this.#status.textContent = `metrics unavailable: ${error.message}`;
      this.#status.dataset.state = 'error';
    },
    () => this.#unavailable(),
  );

  constructor() {
    const panels = PANELS.map((panel) => {
      const body = el('div', { class: 'chart-body' });
      this.#charts.set(panel.testid, body);
      return el(
        'section',
        { class: 'panel ops-panel', 'data-testid': panel.testid },
        el('h3', {}, panel.title),
        body,
      );
    });
    const alarms = el(
      'section',
      { class: 'panel ops-panel', 'data-testid': 'ops-alarms' },
      el('h3', {}, 'Alarms'),
      el(
        'table',
        { class: 'alarms' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', {}, 'alarm'),
            el('th', {}, 'now'),
            el('th', {}, 'threshold'),
            el('th', {}, 'state'),
          ),
        ),
        this.#alarms,
      ),
    );
    this.#grid = el('div', { class: 'ops-grid' }, alarms, ...panels);
    this.element = el(
      'div',
      { class: 'operations', 'data-testid': 'operations-view' },
      el('header', { class: 'ops-header' }, el('h2', {}, 'Operations'), this.#status),
      this.#grid,
    );
  }

  show(): void {
    this.#poller.start();
  }

  hide(): void {
    this.#poller.stop();
  }

  /** Served without the local cloud (on AWS): no figures here, and where to find them instead. */
  #unavailable(): void {
    this.#grid.hidden = true;
    this.#status.dataset.state = 'unavailable';
    this.#status.textContent =
      'Live figures come from the local cloud; on AWS they are the CloudWatch dashboard <env>-motorcade (motorcade monitoring --env <env>).';
  }

  #draw(snapshot: MetricsSnapshot): void {
    this.#grid.hidden = false;
    const limits = thresholds();
    for (const panel of PANELS) {
      const body = this.#charts.get(panel.testid);
      if (!body) continue;
      const threshold = panel.threshold?.(limits);
      replaceChildren(body, lineChart(panel.data(snapshot), threshold === undefined ? {} : { threshold }));
    }
    replaceChildren(this.#alarms, ...evaluateAlarms(snapshot, limits).map(alarmRow));
    this.#status.dataset.state = 'live';
    this.#status.dataset.buckets = String(snapshot.series.length);
    this.#status.textContent = `environment ${snapshot.environment} · ${snapshot.bucketSeconds} s buckets · updated ${timeOf(new Date().toISOString())}`;
  }
}

function alarmRow(alarm: AlarmState): HTMLElement {
  return el(
    'tr',
    {
      'data-testid': 'alarm-row',
      'data-alarm': alarm.id,
      'data-state': alarm.state,
      class: `alarm-${alarm.state}`,
    },
    el('td', {}, alarm.name, alarm.culprit ? el('small', {}, ` ${alarm.culprit}`) : ''),
    el('td', {}, String(alarm.value)),
    el('td', {}, `≥ ${alarm.threshold}`),
    el('td', {}, el('span', { class: 'badge' }, alarm.state.replace('_', ' '))),
  );
}
