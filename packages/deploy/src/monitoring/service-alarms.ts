import type { DeploymentPreferenceType, MonitoringConfig } from '@motorcade/cloud';
import { type TemplateDocument, type TemplateObject, usesSamTransform } from '@motorcade/template';
import { DeployError } from '../errors.js';
import { isMapping } from '../validate/intrinsic.js';
import { cloudWatchAlarm } from './alarms.js';

/** The alias canary deployments publish, as SAM's docs name it. */
export const CANARY_ALIAS = 'live';

/** What to add to a service's template before it goes to AWS. */
export interface ServiceAdditionsRequest {
  readonly stackName: string;
  /** The template's file, for messages. */
  readonly file: string;
  readonly monitoring: MonitoringConfig;
  /** The environment's canary type; absent: new code takes all traffic at once. */
  readonly canary?: DeploymentPreferenceType;
}

/** The template as deployed, the alarms it gained and one line per addition for `plan`. */
export interface ServiceAdditions {
  readonly doc: TemplateDocument;
  /** Physical names of the alarms added, for the dashboard. */
  readonly alarmNames: readonly string[];
  readonly notes: readonly string[];
}

/**
 * Adds what an AWS environment needs to a service's template, leaving the file (and so local
 * runs) untouched: per function an `Errors` and a `Throttles` alarm, per queue an
 * `ApproximateAgeOfOldestMessage` alarm, thresholds from the config's `monitoring` section; and,
 * for an environment with `canary`, `AutoPublishAlias: live` in `Globals.Function` and on each
 * SAM function a `DeploymentPreference` rolled back by that function's Errors alarm, which then
 * watches the alias. The alarms live in the same stack as what they watch, so they reference it
 * exactly (`!Ref`) and a rollback needs nothing from another stack.
 *
 * A function or template that declares its own `AutoPublishAlias`/`DeploymentPreference` keeps it.
 *
 * @throws DeployError `CONFIG_INVALID` when a logical id the additions need is taken
 * @example
 * ```ts
 * const { doc, notes } = addServiceAlarms(template, { stackName: 'production-items', file, monitoring, canary: 'Canary10Percent5Minutes' });
 * ```
 */
export function addServiceAlarms(
  source: TemplateDocument,
  request: ServiceAdditionsRequest,
): ServiceAdditions {
  const { monitoring, canary } = request;
  if (!monitoring.enabled && canary === undefined) return { doc: source, alarmNames: [], notes: [] };
  const doc = structuredClone(source);
  const sam = usesSamTransform(doc);
  const globals = isMapping(doc.Globals?.Function) ? doc.Globals.Function : {};
  const thresholds = monitoring.alarms;
  const actions = monitoring.alarmActions;
  const alarmNames: string[] = [];
  const canaried: string[] = [];
  const ownPreference: string[] = [];
  let functions = 0;
  let queues = 0;
  const add = (id: string, resource: ReturnType<typeof cloudWatchAlarm>): void => {
    if (source.Resources[id] !== undefined) {
      throw new DeployError(
        'CONFIG_INVALID',
        `${request.file}: resource ${id} already exists; motorcade adds an alarm under that logical id — rename the resource`,
      );
    }
    doc.Resources[id] = resource;
    alarmNames.push(String(resource.Properties?.AlarmName));
  };

  for (const [id, resource] of Object.entries(source.Resources)) {
    const condition = resource.Condition === undefined ? {} : { condition: resource.Condition };
    if (resource.Type === 'AWS::SQS::Queue' && monitoring.enabled) {
      queues++;
      add(
        `${id}AgeAlarm`,
        cloudWatchAlarm({
          name: `${request.stackName}-${id}-Age`,
          description: `The oldest message of ${id} (${request.stackName}) waited ${thresholds.queueAgeSeconds} s or more: its consumer is failing or too slow`,
          namespace: 'AWS/SQS',
          metric: 'ApproximateAgeOfOldestMessage',
          dimensions: [{ name: 'QueueName', value: { 'Fn::GetAtt': [id, 'QueueName'] } }],
          statistic: 'Maximum',
          periodSeconds: 300,
          evaluationPeriods: 1,
          threshold: thresholds.queueAgeSeconds,
          actions,
          ...condition,
        }),
      );
      continue;
    }
    const samFunction = resource.Type === 'AWS::Serverless::Function';
    if (!samFunction && resource.Type !== 'AWS::Lambda::Function') continue;
    functions++;
    const own: TemplateObject = resource.Properties ?? {};
    const declaresCanary =
      own.DeploymentPreference !== undefined || globals.DeploymentPreference !== undefined;
    const canaryHere = canary !== undefined && sam && samFunction && !declaresCanary;
    if (canary !== undefined && sam && samFunction && declaresCanary) ownPreference.push(id);
    const alias = String(own.AutoPublishAlias ?? globals.AutoPublishAlias ?? CANARY_ALIAS);
    const errorsId = `${id}ErrorsAlarm`;
    if (monitoring.enabled || canaryHere) {
      add(
        errorsId,
        cloudWatchAlarm({
          name: `${request.stackName}-${id}-Errors`,
          description: canaryHere
            ? `${id} (${request.stackName}) failed ${thresholds.functionErrors} or more times in a minute through its ${alias} alias: rolls back a canary deployment`
            : `${id} (${request.stackName}) failed ${thresholds.functionErrors} or more times in a minute`,
          namespace: 'AWS/Lambda',
          metric: 'Errors',
          dimensions: [
            { name: 'FunctionName', value: { Ref: id } },
            ...(canaryHere ? [{ name: 'Resource', value: { 'Fn::Sub': `\${${id}}:${alias}` } }] : []),
          ],
          statistic: 'Sum',
          periodSeconds: 60,
          evaluationPeriods: 1,
          threshold: thresholds.functionErrors,
          actions,
          ...condition,
        }),
      );
    }
    if (monitoring.enabled) {
      add(
        `${id}ThrottlesAlarm`,
        cloudWatchAlarm({
          name: `${request.stackName}-${id}-Throttles`,
          description: `${id} (${request.stackName}) was throttled ${thresholds.throttles} or more times in a minute: the account's (or its reserved) concurrency is exhausted`,
          namespace: 'AWS/Lambda',
          metric: 'Throttles',
          dimensions: [{ name: 'FunctionName', value: { Ref: id } }],
          statistic: 'Sum',
          periodSeconds: 60,
          evaluationPeriods: 1,
          threshold: thresholds.throttles,
          actions,
          ...condition,
        }),
      );
    }
    if (canaryHere) {
      canaried.push(id);
      const target = doc.Resources[id] as { Properties?: TemplateObject };
      target.Properties = {
        ...(target.Properties ?? {}),
        DeploymentPreference: { Type: canary, Alarms: [{ Ref: errorsId }] },
      };
    }
  }
  if (canaried.length > 0 && globals.AutoPublishAlias === undefined) {
    doc.Globals = { ...(doc.Globals ?? {}), Function: { ...globals, AutoPublishAlias: CANARY_ALIAS } };
  }
  return { doc, alarmNames, notes: notes(canary, canaried, ownPreference, functions, queues, monitoring) };
}

function notes(
  canary: DeploymentPreferenceType | undefined,
  canaried: readonly string[],
  ownPreference: readonly string[],
  functions: number,
  queues: number,
  monitoring: MonitoringConfig,
): string[] {
  const lines: string[] = [];
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  if (monitoring.enabled && functions + queues > 0) {
    const parts = [
      ...(functions > 0 ? [`Errors and Throttles alarms on ${plural(functions, 'function')}`] : []),
      ...(queues > 0 ? [`a message-age alarm on ${plural(queues, 'queue')}`] : []),
    ];
    lines.push(`adds ${parts.join(', ')}`);
  }
  if (canary !== undefined && canaried.length > 0) {
    lines.push(
      `canary: AutoPublishAlias ${CANARY_ALIAS} and DeploymentPreference ${canary} on ${canaried.join(', ')}, each rolled back by its Errors alarm`,
    );
  }
  if (ownPreference.length > 0) {
    lines.push(
      `canary: ${ownPreference.join(', ')} keep${ownPreference.length === 1 ? 's' : ''} the template's own DeploymentPreference`,
    );
  }
  return lines;
}
