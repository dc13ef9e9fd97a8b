/** A JSON value as the rules engine sees it; `undefined` is IoT SQL's Undefined. */
export type SqlValue =
  | null
  | boolean
  | number
  | string
  | SqlValue[]
  | { [key: string]: SqlValue }
  | undefined;

export type ComparisonOperator = '=' | '<>' | '<' | '<=' | '>' | '>=';
export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';

/** An expression of a SELECT item or the WHERE clause. */
export type SqlExpression =
  | { readonly kind: 'literal'; readonly value: SqlValue }
  /** A field of the payload: `state.reported.speed`, `positions[0].lat`. */
  | { readonly kind: 'path'; readonly steps: readonly (string | number)[] }
  /** The whole payload, as in `encode(*, 'base64')`. */
  | { readonly kind: 'payload' }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly SqlExpression[] }
  | { readonly kind: 'not'; readonly operand: SqlExpression }
  | { readonly kind: 'negate'; readonly operand: SqlExpression }
  | {
      readonly kind: 'logical';
      readonly operator: 'AND' | 'OR';
      readonly left: SqlExpression;
      readonly right: SqlExpression;
    }
  | {
      readonly kind: 'compare';
      readonly operator: ComparisonOperator;
      readonly left: SqlExpression;
      readonly right: SqlExpression;
    }
  | {
      readonly kind: 'arithmetic';
      readonly operator: ArithmeticOperator;
      readonly left: SqlExpression;
      readonly right: SqlExpression;
    };

/** One item of the SELECT list: `*`, or an expression with the key it gets in the output. */
export type SelectItem =
  | { readonly kind: 'all' }
  | { readonly kind: 'expression'; readonly expression: SqlExpression; readonly key: string };

/** A parsed `SELECT ... FROM 'topic/filter' [WHERE ...]`. */
export interface SqlStatement {
  readonly select: readonly SelectItem[];
  readonly topicFilter: string;
  readonly where?: SqlExpression;
}
