import type { SqlStatement } from './sql/sql-ast.js';

/** A rule action the local rules engine performs. */
export type RuleAction =
  /** Invokes the function asynchronously with the rule's output. */
  | { readonly kind: 'lambda'; readonly functionArn: string }
  /** Sends the rule's output to the queue (`UseBase64` encodes it first). */
  | {
      readonly kind: 'sqs';
      readonly queueUrl: string;
      readonly queueArn: string;
      readonly useBase64: boolean;
    };

/** One deployed `AWS::IoT::TopicRule`. */
export interface TopicRuleDefinition {
  readonly stackName: string;
  readonly logicalId: string;
  /** The rule name (the physical id). */
  readonly name: string;
  readonly arn: string;
  readonly statement: SqlStatement;
  readonly disabled: boolean;
  readonly actions: readonly RuleAction[];
  readonly errorAction?: RuleAction;
}

/** The part of the IoT service the topic rule provider needs. */
export interface TopicRuleRegistry {
  registerRule(rule: TopicRuleDefinition): void;
  unregisterRule(stackName: string, logicalId: string, name: string): void;
}
