import type { ResourceDefinition, TemplateObject, TemplateValue } from '@motorcade/template';

/** What one generated alarm watches and when it fires. */
export interface AlarmSpec {
  /** The physical alarm name; deterministic, so the dashboard can list alarms by ARN. */
  readonly name: string;
  readonly description: string;
  readonly namespace: string;
  readonly metric: string;
  readonly dimensions: ReadonlyArray<{ readonly name: string; readonly value: TemplateValue }>;
  readonly statistic: 'Sum' | 'Maximum';
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly threshold: number;
  /** SNS topics (or other alarm actions) told when the alarm fires and when it clears. */
  readonly actions: readonly string[];
  /** The condition of the resource watched, so the alarm exists exactly when it does. */
  readonly condition?: string;
}

/**
 * An `AWS::CloudWatch::Alarm` firing when the metric reaches the threshold. Missing data is not
 * breaching: a function nobody calls has no Errors datapoints, and that is not an incident.
 *
 * @example
 * ```ts
 * cloudWatchAlarm({ name: 'prod-items-Api-Errors', namespace: 'AWS/Lambda', metric: 'Errors', … });
 * ```
 */
export function cloudWatchAlarm(spec: AlarmSpec): ResourceDefinition {
  const properties: TemplateObject = {
    AlarmName: spec.name,
    AlarmDescription: spec.description,
    Namespace: spec.namespace,
    MetricName: spec.metric,
    Statistic: spec.statistic,
    Period: spec.periodSeconds,
    EvaluationPeriods: spec.evaluationPeriods,
    Threshold: spec.threshold,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'notBreaching',
  };
  if (spec.dimensions.length > 0) {
    properties.Dimensions = spec.dimensions.map((dimension) => ({
      Name: dimension.name,
      Value: dimension.value,
    }));
  }
  if (spec.actions.length > 0) {
    properties.AlarmActions = [...spec.actions];
    properties.OKActions = [...spec.actions];
  }
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: properties,
    ...(spec.condition === undefined ? {} : { Condition: spec.condition }),
  };
}

/** `arn:aws:cloudwatch:<region>:<account>:alarm:<name>`: what the dashboard's alarm widget lists. */
export function alarmArn(region: string, account: string, name: string): string {
  return `arn:aws:cloudwatch:${region}:${account}:alarm:${name}`;
}
