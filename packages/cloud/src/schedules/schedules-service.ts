import { randomBytes } from 'node:crypto';
import type { EnvironmentContext, LocalService } from '../cloud-service.js';
import type { ServiceFactory } from '../environment.js';
import type { ResourceProvider } from '../stacks/resource-provider.js';
import { eventsRuleProvider } from './events-rule-provider.js';
import type {
  FiringResult,
  ScheduleDefinition,
  ScheduleSummary,
  ScheduleTarget,
} from './schedule-definition.js';
import { ScheduleError, ScheduleErrorCode } from './schedule-errors.js';
import { nextOccurrence } from './schedule-expression.js';
import { applyInputPath, isoSeconds, scheduledEvent, schedulerPayload } from './scheduled-event.js';
import { schedulerScheduleProvider } from './scheduler-schedule-provider.js';

/** setTimeout's longest delay (about 24.8 days); longer waits are made of several. */
const MAX_TIMER_MS = 2_147_483_647;

interface Armed {
  definition: ScheduleDefinition;
  /** Where rate schedules count from: creation, restore (missed firings are skipped) or StartDate. */
  anchor: Date;
  next: Date | undefined;
  timer: NodeJS.Timeout | undefined;
}

/** Options for tests: a clock. */
export interface SchedulesServiceOptions {
  readonly now?: () => Date;
}

/**
 * EventBridge scheduled rules and EventBridge Scheduler schedules of one environment. Each deployed
 * rule or schedule gets an unref'd timer for its next occurrence; a firing invokes its targets
 * asynchronously (Lambda functions) or delivers to them (queues). Nothing is persisted here: the
 * schedules come back from the restored stacks, and, as on EventBridge, firings missed while the
 * local cloud was down are skipped, not caught up.
 */
export class SchedulesService implements LocalService {
  readonly #context: EnvironmentContext;
  readonly #now: () => Date;
  readonly #armed = new Map<string, Armed>();
  #started = false;

  constructor(context: EnvironmentContext, options: SchedulesServiceOptions = {}) {
    this.#context = context;
    this.#now = options.now ?? (() => new Date());
  }

  providers(): Readonly<Record<string, ResourceProvider>> {
    return {
      'AWS::Events::Rule': eventsRuleProvider(this, this.#context),
      'AWS::Scheduler::Schedule': schedulerScheduleProvider(this, this.#context),
    };
  }

  /** Adds or replaces the rule or schedule of a stack resource and arms its timer. */
  register(definition: ScheduleDefinition): void {
    const key = keyOf(definition.stackName, definition.logicalId);
    const previous = this.#armed.get(key);
    if (previous?.timer) clearTimeout(previous.timer);
    const anchor = definition.startDate ?? this.#now();
    const armed: Armed = { definition, anchor, next: undefined, timer: undefined };
    this.#armed.set(key, armed);
    this.#arm(armed, this.#now());
  }

  /** Removes a rule or schedule, unless the resource was replaced by one with another name meanwhile. */
  unregister(stackName: string, logicalId: string, name: string): void {
    const key = keyOf(stackName, logicalId);
    const armed = this.#armed.get(key);
    if (!armed || armed.definition.name !== name) return;
    if (armed.timer) clearTimeout(armed.timer);
    this.#armed.delete(key);
  }

  list(): ScheduleSummary[] {
    return [...this.#armed.values()].map(({ definition, next }) => ({
      stack: definition.stackName,
      logicalId: definition.logicalId,
      type: definition.type,
      name: definition.name,
      arn: definition.arn,
      expression: definition.expression.text,
      timezone: definition.timezone,
      state: definition.enabled ? 'ENABLED' : 'DISABLED',
      ...(next ? { nextFiring: next.toISOString() } : {}),
      targets: definition.targets.map((target) => target.arn),
    }));
  }

  /**
   * Fires a rule or schedule now, whatever its expression and state (a disabled one too: asking for
   * it is explicit), so tests and `motorcade trigger` need not wait for the clock.
   */
  async trigger(stackName: string, logicalId: string): Promise<FiringResult> {
    const armed = this.#armed.get(keyOf(stackName, logicalId));
    if (!armed) {
      const known = [...this.#armed.values()]
        .filter((entry) => entry.definition.stackName === stackName)
        .map((entry) => entry.definition.logicalId);
      throw new ScheduleError(
        ScheduleErrorCode.NOT_FOUND,
        `${stackName} has no scheduled rule or schedule ${logicalId} (it has: ${known.join(', ') || 'none'})`,
      );
    }
    return this.#fire(armed.definition, this.#now());
  }

  start(): void {
    this.#started = true;
    const now = this.#now();
    for (const armed of this.#armed.values()) {
      armed.anchor = armed.definition.startDate ?? now;
      this.#arm(armed, now);
    }
  }

  async close(): Promise<void> {
    this.#started = false;
    for (const armed of this.#armed.values()) if (armed.timer) clearTimeout(armed.timer);
    this.#armed.clear();
  }

  /** Sets the timer for the first occurrence after `after` (and not before StartDate nor after EndDate). */
  #arm(armed: Armed, after: Date): void {
    if (armed.timer) clearTimeout(armed.timer);
    armed.timer = undefined;
    armed.next = undefined;
    const { definition } = armed;
    if (!this.#started || !definition.enabled) return;
    const from =
      definition.startDate && definition.startDate > after
        ? new Date(definition.startDate.getTime() - 1)
        : after;
    const next = nextOccurrence(definition.expression, from, {
      timezone: definition.timezone,
      anchor: armed.anchor,
    });
    if (!next || (definition.endDate && next > definition.endDate)) return;
    armed.next = next;
    // A flexible window lets Scheduler invoke any time within it; so does the local cloud.
    const jitterMs = Math.floor(Math.random() * (definition.flexibleWindowMinutes ?? 0) * 60_000);
    const fireAt = next.getTime() + jitterMs;
    const wait = (): void => {
      const delay = fireAt - Date.now();
      if (delay > MAX_TIMER_MS) {
        armed.timer = setTimeout(wait, MAX_TIMER_MS).unref();
        return;
      }
      armed.timer = setTimeout(
        () => {
          void this.#fire(definition, next).finally(() => {
            // Compute from now, not from `next`: a firing delayed past later occurrences skips them.
            if (this.#armed.get(keyOf(definition.stackName, definition.logicalId)) === armed) {
              const now = this.#now();
              this.#arm(armed, now.getTime() > next.getTime() ? now : next);
            }
          });
        },
        Math.max(0, delay),
      ).unref();
    };
    wait();
  }

  async #fire(definition: ScheduleDefinition, time: Date): Promise<FiringResult> {
    const deliveries = await Promise.all(
      definition.targets.map(async (target) => {
        const payload = this.#payload(definition, target, time);
        try {
          await this.#context.deliver(target.arn, payload);
          return { target: target.arn, delivered: true };
        } catch (error) {
          const message = (error as Error).message;
          this.#log(definition, target, `could not deliver to ${target.arn}: ${message}`);
          if (target.deadLetterArn) await this.#deadLetter(definition, target, payload);
          return { target: target.arn, delivered: false, error: message };
        }
      }),
    );
    return {
      stack: definition.stackName,
      logicalId: definition.logicalId,
      type: definition.type,
      arn: definition.arn,
      time: isoSeconds(time),
      deliveries,
    };
  }

  #payload(definition: ScheduleDefinition, target: ScheduleTarget, time: Date): string {
    if (definition.type === 'AWS::Scheduler::Schedule') {
      return schedulerPayload(target.input, {
        scheduleArn: definition.arn,
        scheduledTime: time,
        executionId: randomBytes(8).toString('hex'),
        attemptNumber: 1,
      });
    }
    if (target.input !== undefined) return target.input;
    const event = scheduledEvent(definition.arn, this.#context.accountId, this.#context.region, time);
    if (target.inputPath !== undefined) return applyInputPath(event, target.inputPath) || '{}';
    return JSON.stringify(event);
  }

  async #deadLetter(definition: ScheduleDefinition, target: ScheduleTarget, payload: string): Promise<void> {
    try {
      await this.#context.deliver(target.deadLetterArn as string, payload);
    } catch (error) {
      this.#log(
        definition,
        target,
        `could not deliver to the dead-letter queue: ${(error as Error).message}`,
      );
    }
  }

  #log(definition: ScheduleDefinition, target: ScheduleTarget, line: string): void {
    const what =
      definition.type === 'AWS::Events::Rule' ? 'EventBridge rule' : 'EventBridge Scheduler schedule';
    this.#context.logSink({
      functionName: target.arn.split(':').at(-1) ?? target.arn,
      line: `${what} ${definition.name}: ${line}`,
    });
  }
}

function keyOf(stackName: string, logicalId: string): string {
  return `${stackName}/${logicalId}`;
}

/**
 * The schedules service of each environment, for `LocalCloud.start({ services })`; other code finds
 * it with `env.service<SchedulesService>('schedules')`.
 */
export const schedulesService: ServiceFactory = {
  name: 'schedules',
  create: (context) => new SchedulesService(context),
};
