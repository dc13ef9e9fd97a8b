/** A service as the dashboard shows it. */
export interface DashboardService {
  readonly service: string;
  readonly stackName: string;
  /** Whether the stack has queues / a REST API, so empty graphs are not drawn. */
  readonly hasQueues: boolean;
  /** `ApiName` values of its REST APIs (SAM names them after the stack). */
  readonly apiNames: readonly string[];
}

/** What the dashboard is built from. */
export interface DashboardInput {
  readonly region: string;
  readonly services: readonly DashboardService[];
  /** The ConcurrentExecutions alarm threshold, drawn on its graph. */
  readonly concurrencyThreshold: number;
  readonly queueAgeSeconds: number;
  /** ARNs of every alarm of the environment. */
  readonly alarmArns: readonly string[];
}

type Widget = Record<string, unknown>;

const WIDTH = 12;
const HEIGHT = 6;
/** CloudWatch's alarm status widget lists at most 100 alarms. */
const ALARMS_PER_WIDGET = 100;

/**
 * The `DashboardBody` of the environment's CloudWatch dashboard: the operations view of the
 * local cloud, on AWS. Function and queue names are CloudFormation's (`<stack>-<LogicalId>-<random>`),
 * unknown when the template is written, so graphs find them with SEARCH expressions on the stack
 * name, and a REST API by its `ApiName`, which SAM sets to the stack name.
 *
 * @example
 * ```ts
 * const body = dashboardBody({ region: 'eu-west-1', services, concurrencyThreshold: 800, queueAgeSeconds: 300, alarmArns });
 * ```
 */
export function dashboardBody(input: DashboardInput): string {
  const graph = (title: string, metrics: unknown[][], extra: Widget = {}): Widget => ({
    type: 'metric',
    width: WIDTH,
    height: HEIGHT,
    properties: {
      title,
      region: input.region,
      view: 'timeSeries',
      stacked: false,
      period: 60,
      metrics,
      ...extra,
    },
  });
  const search = (namespace: string, dimension: string, metric: string, term: string, stat: string): string =>
    `SEARCH('{${namespace},${dimension}} MetricName="${metric}" ${dimension}=${term}', '${stat}', 60)`;
  const expression = (expr: string, label: string, index: number, prefix: string): unknown[] => [
    { expression: expr, label, id: `${prefix}${index}` },
  ];
  const withQueues = input.services.filter((service) => service.hasQueues);
  const apis = input.services.flatMap((service) => service.apiNames.map((name) => ({ service, name })));

  const widgets: Widget[] = [
    graph('Concurrent executions (account)', [['AWS/Lambda', 'ConcurrentExecutions', { stat: 'Maximum' }]], {
      annotations: { horizontal: [{ label: 'alarm', value: input.concurrencyThreshold }] },
    }),
    graph(
      'Errors of every function',
      input.services.map((service, index) =>
        expression(
          search('AWS/Lambda', 'FunctionName', 'Errors', service.stackName, 'Sum'),
          '',
          index,
          'errors',
        ),
      ),
    ),
    graph(
      'Invocations per service',
      input.services.map((service, index) =>
        expression(
          `SUM(${search('AWS/Lambda', 'FunctionName', 'Invocations', service.stackName, 'Sum')})`,
          service.service,
          index,
          'calls',
        ),
      ),
    ),
    graph(
      'API invocations',
      apis.map(({ service, name }, index) => [
        'AWS/ApiGateway',
        'Count',
        'ApiName',
        name,
        { stat: 'Sum', label: service.service, id: `api${index}` },
      ]),
    ),
    graph(
      'SQS message ages (oldest, seconds)',
      withQueues.map((service, index) =>
        expression(
          search('AWS/SQS', 'QueueName', 'ApproximateAgeOfOldestMessage', service.stackName, 'Maximum'),
          '',
          index,
          'age',
        ),
      ),
      { annotations: { horizontal: [{ label: 'alarm', value: input.queueAgeSeconds }] } },
    ),
  ].filter((widget) => ((widget.properties as { metrics: unknown[] }).metrics.length ?? 0) > 0);

  for (let start = 0; start < input.alarmArns.length; start += ALARMS_PER_WIDGET) {
    widgets.push({
      type: 'alarm',
      width: 24,
      height: HEIGHT,
      properties: {
        title: start === 0 ? 'Alarms' : `Alarms (${start + 1}–)`,
        alarms: input.alarmArns.slice(start, start + ALARMS_PER_WIDGET),
        sortBy: 'stateUpdatedTimestamp',
      },
    });
  }
  return JSON.stringify({ widgets });
}
