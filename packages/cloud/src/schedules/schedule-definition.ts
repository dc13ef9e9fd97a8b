import type { ScheduleExpression } from './schedule-expression.js';

/** The two CloudFormation types that fire on a schedule. */
export type ScheduleResourceType = 'AWS::Events::Rule' | 'AWS::Scheduler::Schedule';

/** Where a firing goes, and what it carries. */
export interface ScheduleTarget {
  /** A Lambda function (async invoke) or any other ARN the environment delivers to (a queue). */
  readonly arn: string;
  /** The rule target's Id (EventBridge rules only). */
  readonly id?: string;
  /** Input sent instead of the event (rules), or the schedule's payload (Scheduler). */
  readonly input?: string;
  /** A JSONPath selecting part of the scheduled event (rules only). */
  readonly inputPath?: string;
  /** Where a payload that could not be delivered goes (an SQS queue ARN). */
  readonly deadLetterArn?: string;
}

/** One deployed rule or schedule, as its provider hands it to the schedules service. */
export interface ScheduleDefinition {
  readonly stackName: string;
  readonly logicalId: string;
  readonly type: ScheduleResourceType;
  /** The physical id: the rule or schedule name. */
  readonly name: string;
  readonly arn: string;
  readonly expression: ScheduleExpression;
  /** IANA zone of cron and at expressions. */
  readonly timezone: string;
  readonly enabled: boolean;
  readonly startDate?: Date;
  readonly endDate?: Date;
  /** FlexibleTimeWindow MaximumWindowInMinutes when the Mode is FLEXIBLE. */
  readonly flexibleWindowMinutes?: number;
  readonly targets: readonly ScheduleTarget[];
}

/** A deployed rule or schedule as `GET /_motorcade/schedules` lists it. */
export interface ScheduleSummary {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: ScheduleResourceType;
  readonly name: string;
  readonly arn: string;
  readonly expression: string;
  readonly timezone: string;
  readonly state: 'ENABLED' | 'DISABLED';
  /** When it fires next (ISO), if it is enabled and not over. */
  readonly nextFiring?: string;
  readonly targets: readonly string[];
}

/** What one firing did, target by target. */
export interface FiringResult {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: ScheduleResourceType;
  readonly arn: string;
  readonly time: string;
  readonly deliveries: readonly {
    readonly target: string;
    readonly delivered: boolean;
    readonly error?: string;
  }[];
}

/** The part of the schedules service the providers need. */
export interface ScheduleRegistry {
  register(definition: ScheduleDefinition): void;
  unregister(stackName: string, logicalId: string, name: string): void;
}
