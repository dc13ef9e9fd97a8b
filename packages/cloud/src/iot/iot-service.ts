import { randomUUID } from 'node:crypto';
import type { EnvironmentContext, LocalService } from '../cloud-service.js';
import type { ServiceFactory } from '../environment.js';
import type { ResourceProvider } from '../stacks/resource-provider.js';
import { actionName, actionResource, performAction } from './rule-actions.js';
import { evaluateRule, type RuleMessage } from './sql/sql-evaluator.js';
import { topicMatches } from './topic-filter.js';
import type { TopicRuleDefinition, TopicRuleRegistry } from './topic-rule.js';
import { topicRuleProvider } from './topic-rule-provider.js';

/**
 * AWS IoT Core's rules engine for one environment: the deployed topic rules, evaluated against every
 * message the MQTT broker accepts. A matching rule's actions run in parallel; those that fail are
 * reported to the rule's ErrorAction with AWS IoT's error message, and logged.
 */
export class IotService implements LocalService, TopicRuleRegistry {
  readonly #context: EnvironmentContext;
  readonly #rules = new Map<string, TopicRuleDefinition>();

  constructor(context: EnvironmentContext) {
    this.#context = context;
  }

  providers(): Readonly<Record<string, ResourceProvider>> {
    return { 'AWS::IoT::TopicRule': topicRuleProvider(this, this.#context) };
  }

  registerRule(rule: TopicRuleDefinition): void {
    this.#rules.set(`${rule.stackName}/${rule.logicalId}`, rule);
  }

  unregisterRule(stackName: string, logicalId: string, name: string): void {
    const key = `${stackName}/${logicalId}`;
    if (this.#rules.get(key)?.name === name) this.#rules.delete(key);
  }

  /** The deployed rules, e.g. for a listing. */
  rules(): readonly TopicRuleDefinition[] {
    return [...this.#rules.values()];
  }

  /**
   * Runs every enabled rule whose topic filter matches the message. Resolves once each matching
   * rule's actions have been handed over (or failed and been reported), so a broker can acknowledge
   * a QoS 1 publish knowing nothing accepted is lost.
   */
  async publish(message: RuleMessage): Promise<void> {
    const matching = [...this.#rules.values()].filter(
      (rule) => !rule.disabled && topicMatches(rule.statement.topicFilter, message.topic),
    );
    await Promise.all(matching.map((rule) => this.#run(rule, message)));
  }

  async close(): Promise<void> {
    this.#rules.clear();
  }

  async #run(rule: TopicRuleDefinition, message: RuleMessage): Promise<void> {
    const output = evaluateRule(rule.statement, message);
    if (!output) return;
    const results = await Promise.all(
      rule.actions.map(async (action) => {
        try {
          await performAction(action, output, this.#context);
          return undefined;
        } catch (error) {
          return {
            failedAction: actionName(action),
            failedResource: actionResource(action),
            errorMessage: (error as Error).message,
          };
        }
      }),
    );
    const failures = results.filter((failure) => failure !== undefined);
    if (failures.length === 0) return;
    for (const failure of failures) {
      this.#log(rule, `${failure.failedAction} on ${failure.failedResource} failed: ${failure.errorMessage}`);
    }
    if (!rule.errorAction) return;
    const report = {
      ruleName: rule.name,
      topic: message.topic,
      cloudwatchTraceId: randomUUID(),
      clientId: message.clientId,
      base64OriginalPayload: message.payload.toString('base64'),
      failures,
    };
    try {
      await performAction(rule.errorAction, { kind: 'json', value: report }, this.#context);
    } catch (error) {
      this.#log(rule, `the error action failed too: ${(error as Error).message}`);
    }
  }

  #log(rule: TopicRuleDefinition, line: string): void {
    this.#context.logSink({ functionName: `iot-rule/${rule.name}`, line: `IoT rule ${rule.name}: ${line}` });
  }
}

/**
 * The IoT rules engine of each environment, for `LocalCloud.start({ services })`; the MQTT broker
 * finds it with `env.service<IotService>('iot')`.
 */
export const iotService: ServiceFactory = {
  name: 'iot',
  create: (context) => new IotService(context),
};
