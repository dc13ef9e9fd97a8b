import type { EnvironmentConfig, MonitoringConfig } from '@motorcade/cloud';
import type { TemplateDocument } from '@motorcade/template';
import { alarmArn, cloudWatchAlarm } from './alarms.js';
import { type DashboardService, dashboardBody } from './dashboard-body.js';

/** The service name, and so the stack `<env>-monitoring`, of the generated monitoring stack. */
export const MONITORING_SERVICE = 'monitoring';

/** A service stack as the monitoring stack sees it: its template as deployed, alarms added. */
export interface MonitoredStack {
  readonly service: string;
  readonly stackName: string;
  readonly doc: TemplateDocument;
  /** Physical names of the alarms deploy added to it. */
  readonly alarmNames: readonly string[];
}

/** Inputs of {@link monitoringTemplate}. */
export interface MonitoringTemplateRequest {
  readonly env: string;
  readonly environment: EnvironmentConfig;
  readonly monitoring: MonitoringConfig;
  /** Every service of the config, in deploy order. */
  readonly stacks: readonly MonitoredStack[];
}

/**
 * The `monitoring` stack of an AWS environment: a CloudWatch dashboard with the panels of the
 * local operations view (account concurrency, errors of every function, invocations per service,
 * API invocations, queue ages, the state of every alarm) and the account-wide alarm on
 * ConcurrentExecutions at `concurrentExecutionsPercent` of the environment's `concurrency`.
 *
 * The per-function and per-queue alarms are not here but in each service's stack (see
 * `addServiceAlarms`): CloudWatch alarms cannot use SEARCH expressions, and a function's physical
 * name is only known inside its own stack. Importing names instead would pin every function: a
 * stack cannot drop an export another stack imports. The dashboard lists those alarms by ARN,
 * their names being deterministic.
 *
 * @example
 * ```ts
 * const template = monitoringTemplate({ env: 'production', environment, monitoring: config.monitoring, stacks });
 * ```
 */
export function monitoringTemplate(request: MonitoringTemplateRequest): TemplateDocument {
  const { env, environment, monitoring } = request;
  const stackName = `${env}-${MONITORING_SERVICE}`;
  const concurrencyThreshold = Math.max(
    1,
    Math.floor((environment.concurrency * monitoring.alarms.concurrentExecutionsPercent) / 100),
  );
  const concurrencyAlarm = `${stackName}-ConcurrentExecutions`;
  const alarmNames = [concurrencyAlarm, ...request.stacks.flatMap((stack) => stack.alarmNames)];
  const dashboardName = `${env}-motorcade`;
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Motorcade monitoring of ${env}: dashboard ${dashboardName} and the account's concurrency alarm (generated from motorcade.config.json; do not edit)`,
    Resources: {
      Dashboard: {
        Type: 'AWS::CloudWatch::Dashboard',
        Properties: {
          DashboardName: dashboardName,
          DashboardBody: dashboardBody({
            region: environment.region,
            services: request.stacks.map(dashboardService),
            concurrencyThreshold,
            queueAgeSeconds: monitoring.alarms.queueAgeSeconds,
            alarmArns: alarmNames.map((name) => alarmArn(environment.region, environment.account, name)),
          }),
        },
      },
      ConcurrentExecutionsAlarm: cloudWatchAlarm({
        name: concurrencyAlarm,
        description: `The account ran ${concurrencyThreshold} or more concurrent executions (${monitoring.alarms.concurrentExecutionsPercent}% of ${environment.concurrency}): functions are about to be throttled`,
        namespace: 'AWS/Lambda',
        metric: 'ConcurrentExecutions',
        dimensions: [],
        statistic: 'Maximum',
        periodSeconds: 60,
        evaluationPeriods: 1,
        threshold: concurrencyThreshold,
        actions: monitoring.alarmActions,
      }),
    },
    Outputs: {
      DashboardUrl: {
        Description: 'The CloudWatch dashboard',
        Value: `https://${environment.region}.console.aws.amazon.com/cloudwatch/home?region=${environment.region}#dashboards:name=${dashboardName}`,
      },
    },
  };
}

function dashboardService(stack: MonitoredStack): DashboardService {
  const resources = Object.values(stack.doc.Resources);
  const apiNames = new Set<string>();
  for (const resource of resources) {
    const name = resource.Properties?.Name;
    if (resource.Type === 'AWS::Serverless::Api')
      apiNames.add(typeof name === 'string' ? name : stack.stackName);
    if (resource.Type === 'AWS::ApiGateway::RestApi' && typeof name === 'string') apiNames.add(name);
  }
  // An Api event without an explicit API makes SAM create the implicit one, named after the stack.
  const implicitApi = resources.some((resource) => {
    const events = resource.Properties?.Events;
    return (
      resource.Type === 'AWS::Serverless::Function' &&
      events !== null &&
      typeof events === 'object' &&
      Object.values(events).some(
        (event) =>
          (event as { Type?: unknown }).Type === 'Api' &&
          (event as { Properties?: { RestApiId?: unknown } }).Properties?.RestApiId === undefined,
      )
    );
  });
  if (implicitApi) apiNames.add(stack.stackName);
  return {
    service: stack.service,
    stackName: stack.stackName,
    hasQueues: resources.some((resource) => resource.Type === 'AWS::SQS::Queue'),
    apiNames: [...apiNames],
  };
}
