import { isDeepStrictEqual } from 'node:util';
import type { SqlExpression, SqlStatement, SqlValue } from './sql-ast.js';

/** An MQTT message as the rules engine evaluates it. */
export interface RuleMessage {
  readonly topic: string;
  readonly payload: Buffer;
  /** The publisher's client id ('' for messages the broker itself publishes). */
  readonly clientId: string;
  /** The authorizer's principalId, if the connection had one. */
  readonly principal?: string;
  /** When the broker received it (ms since the epoch). */
  readonly timestamp: number;
}

/** What a rule makes of a message that matches it: the payload its actions receive. */
export type RuleOutput =
  /** `SELECT *` passes the payload through byte for byte, JSON or not. */
  | { readonly kind: 'raw'; readonly payload: Buffer }
  | { readonly kind: 'json'; readonly value: Record<string, SqlValue> };

/**
 * Evaluates a rule's statement against a message: undefined when the WHERE clause is not true,
 * else the selected output. As in AWS IoT, a payload that is not a JSON object has no fields (they
 * are Undefined, so comparisons on them are not true), `SELECT *` passes any payload through
 * unchanged, fields that are Undefined are left out of the output, and the WHERE clause cannot see
 * SELECT's aliases.
 */
export function evaluateRule(statement: SqlStatement, message: RuleMessage): RuleOutput | undefined {
  const document = jsonObject(message.payload);
  const context = { message, document };
  if (statement.where !== undefined && !isTrue(evaluate(statement.where, context))) return undefined;
  if (statement.select.length === 1 && statement.select[0]?.kind === 'all') {
    return { kind: 'raw', payload: message.payload };
  }
  const value: Record<string, SqlValue> = {};
  for (const item of statement.select) {
    if (item.kind === 'all') {
      if (document) Object.assign(value, document);
      continue;
    }
    const result = evaluate(item.expression, context);
    if (result !== undefined) value[item.key] = result;
  }
  return { kind: 'json', value };
}

interface Context {
  readonly message: RuleMessage;
  readonly document: Record<string, SqlValue> | undefined;
}

function jsonObject(payload: Buffer): Record<string, SqlValue> | undefined {
  try {
    const value: unknown = JSON.parse(payload.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, SqlValue>)
      : undefined;
  } catch {
    return undefined;
  }
}

function evaluate(expression: SqlExpression, context: Context): SqlValue {
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'payload':
      return context.document;
    case 'path': {
      let value: SqlValue = context.document;
      for (const step of expression.steps) {
        if (typeof step === 'number') value = Array.isArray(value) ? value[step] : undefined;
        else
          value =
            value !== null && typeof value === 'object' && !Array.isArray(value) ? value[step] : undefined;
      }
      return value;
    }
    case 'call':
      return call(expression.name, expression.args, context);
    case 'not': {
      const operand = booleanOf(evaluate(expression.operand, context));
      return operand === undefined ? undefined : !operand;
    }
    case 'negate': {
      const operand = numberOf(evaluate(expression.operand, context));
      return operand === undefined ? undefined : -operand;
    }
    case 'logical': {
      const left = booleanOf(evaluate(expression.left, context));
      const right = booleanOf(evaluate(expression.right, context));
      if (left === undefined || right === undefined) return undefined;
      return expression.operator === 'AND' ? left && right : left || right;
    }
    case 'compare':
      return compare(
        expression.operator,
        evaluate(expression.left, context),
        evaluate(expression.right, context),
      );
    case 'arithmetic':
      return arithmetic(
        expression.operator,
        evaluate(expression.left, context),
        evaluate(expression.right, context),
      );
  }
}

function call(name: string, args: readonly SqlExpression[], context: Context): SqlValue {
  const { message } = context;
  switch (name) {
    case 'topic': {
      if (args.length === 0) return message.topic;
      const index = numberOf(evaluate(args[0] as SqlExpression, context));
      // topic(n) counts levels from 1.
      return index === undefined ? undefined : message.topic.split('/')[index - 1];
    }
    case 'clientid':
      return message.clientId;
    case 'timestamp':
      return message.timestamp;
    case 'principal':
      return message.principal;
    case 'encode': {
      const encoding = args[1] === undefined ? undefined : evaluate(args[1], context);
      if (args[0]?.kind !== 'payload' || encoding !== 'base64') return undefined;
      return message.payload.toString('base64');
    }
    default:
      return undefined;
  }
}

/** `true`, or a case-insensitive "true"/"false" string, as AND, OR, NOT and WHERE read them. */
function booleanOf(value: SqlValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return undefined;
}

function isTrue(value: SqlValue): boolean {
  return booleanOf(value) === true;
}

/** A number, or a string that is one (relational and arithmetic operators convert to Decimal). */
function numberOf(value: SqlValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

function compare(operator: string, left: SqlValue, right: SqlValue): SqlValue {
  if (left === undefined || right === undefined) return undefined;
  if (operator === '=' || operator === '<>') {
    const equal =
      typeof left === 'number' || typeof right === 'number'
        ? numberOf(left) !== undefined && numberOf(left) === numberOf(right)
        : typeof left === typeof right
          ? isDeepStrictEqual(left, right)
          : undefined;
    if (equal === undefined) return undefined;
    return operator === '=' ? equal : !equal;
  }
  const bothStrings = typeof left === 'string' && typeof right === 'string' && numberOf(left) === undefined;
  const a = bothStrings ? left : numberOf(left);
  const b = bothStrings ? right : numberOf(right);
  if (a === undefined || b === undefined) return undefined;
  switch (operator) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

function arithmetic(operator: string, left: SqlValue, right: SqlValue): SqlValue {
  if (
    operator === '+' &&
    typeof left === 'string' &&
    typeof right === 'string' &&
    numberOf(left) === undefined
  ) {
    return left + right;
  }
  const a = numberOf(left);
  const b = numberOf(right);
  if (a === undefined || b === undefined) return undefined;
  switch (operator) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? undefined : a / b;
    default:
      return b === 0 ? undefined : a % b;
  }
}
