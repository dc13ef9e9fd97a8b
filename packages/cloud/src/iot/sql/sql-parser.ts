import { SqlSyntaxError } from '../iot-errors.js';
import { isTopicFilter } from '../topic-filter.js';
import type {
  ArithmeticOperator,
  ComparisonOperator,
  SelectItem,
  SqlExpression,
  SqlStatement,
} from './sql-ast.js';

type Token =
  | { readonly type: 'word'; readonly text: string; readonly at: number }
  | { readonly type: 'quoted-name'; readonly text: string; readonly at: number }
  | { readonly type: 'string'; readonly text: string; readonly at: number }
  | { readonly type: 'number'; readonly value: number; readonly at: number }
  | { readonly type: 'symbol'; readonly text: string; readonly at: number }
  | { readonly type: 'end'; readonly at: number };

const KEYWORDS = new Set(['SELECT', 'FROM', 'WHERE', 'AS', 'AND', 'OR', 'NOT', 'TRUE', 'FALSE', 'NULL']);
/** The functions the local rules engine evaluates (a subset of AWS IoT SQL's). */
export const SQL_FUNCTIONS = new Set(['topic', 'clientid', 'timestamp', 'principal', 'encode']);

/**
 * Parses the subset of AWS IoT SQL the local rules engine evaluates: `SELECT *` or a list of
 * expressions (fields with nested paths and array indexes, literals, arithmetic, the functions
 * `topic()`, `topic(n)`, `clientid()`, `timestamp()`, `principal()`, `encode(*, 'base64')`) with
 * `AS` aliases, `FROM` a quoted topic filter, and an optional `WHERE` with comparisons, `AND`, `OR`,
 * `NOT` and parentheses. Keywords are case-insensitive.
 * @throws SqlSyntaxError naming what was expected and where
 */
export function parseSql(sql: string): SqlStatement {
  return new Parser(sql).statement();
}

class Parser {
  readonly #sql: string;
  readonly #tokens: Token[];
  #index = 0;
  #unnamed = 0;

  constructor(sql: string) {
    this.#sql = sql;
    this.#tokens = tokenize(sql);
  }

  statement(): SqlStatement {
    this.#keyword('SELECT');
    const select: SelectItem[] = [this.#selectItem()];
    while (this.#symbol(',')) select.push(this.#selectItem());
    this.#keyword('FROM');
    const from = this.#next();
    if (from.type !== 'string') this.#fail(from, 'a quoted topic filter after FROM');
    const topicFilter = (from as { text: string }).text;
    if (!isTopicFilter(topicFilter)) this.#fail(from, `a valid topic filter, not '${topicFilter}'`);
    let where: SqlExpression | undefined;
    if (this.#isKeyword('WHERE')) {
      this.#index += 1;
      where = this.#or();
    }
    const end = this.#next();
    if (end.type !== 'end') this.#fail(end, 'the end of the statement');
    return where === undefined ? { select, topicFilter } : { select, topicFilter, where };
  }

  #selectItem(): SelectItem {
    if (this.#symbol('*')) return { kind: 'all' };
    const expression = this.#or();
    if (this.#isKeyword('AS')) {
      this.#index += 1;
      const alias = this.#next();
      if (alias.type !== 'word' && alias.type !== 'quoted-name') this.#fail(alias, 'a name after AS');
      return { kind: 'expression', expression, key: (alias as { text: string }).text };
    }
    return { kind: 'expression', expression, key: this.#defaultKey(expression) };
  }

  /** The output key of an item without AS: the field's last name, the function's name, else `_1`, `_2`, ... */
  #defaultKey(expression: SqlExpression): string {
    this.#unnamed += 1;
    if (expression.kind === 'path') {
      const last = [...expression.steps].reverse().find((step) => typeof step === 'string');
      if (typeof last === 'string') return last;
    }
    if (expression.kind === 'call') return expression.name;
    return `_${this.#unnamed}`;
  }

  #or(): SqlExpression {
    let left = this.#and();
    while (this.#isKeyword('OR')) {
      this.#index += 1;
      left = { kind: 'logical', operator: 'OR', left, right: this.#and() };
    }
    return left;
  }

  #and(): SqlExpression {
    let left = this.#not();
    while (this.#isKeyword('AND')) {
      this.#index += 1;
      left = { kind: 'logical', operator: 'AND', left, right: this.#not() };
    }
    return left;
  }

  #not(): SqlExpression {
    if (this.#isKeyword('NOT')) {
      this.#index += 1;
      return { kind: 'not', operand: this.#not() };
    }
    return this.#comparison();
  }

  #comparison(): SqlExpression {
    const left = this.#additive();
    const token = this.#peek();
    if (token.type === 'symbol' && ['=', '<>', '!=', '<', '<=', '>', '>='].includes(token.text)) {
      this.#index += 1;
      const operator = (token.text === '!=' ? '<>' : token.text) as ComparisonOperator;
      return { kind: 'compare', operator, left, right: this.#additive() };
    }
    return left;
  }

  #additive(): SqlExpression {
    let left = this.#multiplicative();
    for (let token = this.#peek(); token.type === 'symbol' && (token.text === '+' || token.text === '-'); ) {
      this.#index += 1;
      left = {
        kind: 'arithmetic',
        operator: token.text as ArithmeticOperator,
        left,
        right: this.#multiplicative(),
      };
      token = this.#peek();
    }
    return left;
  }

  #multiplicative(): SqlExpression {
    let left = this.#unary();
    for (let token = this.#peek(); token.type === 'symbol' && ['*', '/', '%'].includes(token.text); ) {
      this.#index += 1;
      left = { kind: 'arithmetic', operator: token.text as ArithmeticOperator, left, right: this.#unary() };
      token = this.#peek();
    }
    return left;
  }

  #unary(): SqlExpression {
    if (this.#symbol('-')) return { kind: 'negate', operand: this.#unary() };
    return this.#primary();
  }

  #primary(): SqlExpression {
    const token = this.#next();
    switch (token.type) {
      case 'number':
        return { kind: 'literal', value: token.value };
      case 'string':
        return { kind: 'literal', value: token.text };
      case 'symbol':
        if (token.text === '(') {
          const inner = this.#or();
          if (!this.#symbol(')')) this.#fail(this.#peek(), "')'");
          return inner;
        }
        return this.#fail(token, 'a value, a field or a function');
      case 'quoted-name':
        return this.#path(token.text);
      case 'word': {
        const upper = token.text.toUpperCase();
        if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'literal', value: upper === 'TRUE' };
        if (upper === 'NULL') return { kind: 'literal', value: null };
        if (KEYWORDS.has(upper)) return this.#fail(token, 'a value, a field or a function');
        if (this.#symbol('(')) return this.#call(token);
        return this.#path(token.text);
      }
      default:
        return this.#fail(token, 'a value, a field or a function');
    }
  }

  #call(token: Token & { readonly text: string }): SqlExpression {
    const name = token.text.toLowerCase();
    if (!SQL_FUNCTIONS.has(name)) {
      this.#fail(
        token,
        `a function the local rules engine knows (${[...SQL_FUNCTIONS].join(', ')}), not ${token.text}()`,
      );
    }
    const args: SqlExpression[] = [];
    if (!this.#symbol(')')) {
      do args.push(this.#symbol('*') ? { kind: 'payload' } : this.#or());
      while (this.#symbol(','));
      if (!this.#symbol(')')) this.#fail(this.#peek(), "')' after the arguments");
    }
    return { kind: 'call', name, args };
  }

  #path(first: string): SqlExpression {
    const steps: (string | number)[] = [first];
    for (;;) {
      if (this.#symbol('.')) {
        const name = this.#next();
        if (name.type !== 'word' && name.type !== 'quoted-name') this.#fail(name, 'a field name after .');
        steps.push((name as { text: string }).text);
      } else if (this.#symbol('[')) {
        const index = this.#next();
        if (index.type !== 'number' || !Number.isInteger(index.value)) this.#fail(index, 'an array index');
        if (!this.#symbol(']')) this.#fail(this.#peek(), "']'");
        steps.push((index as { value: number }).value);
      } else {
        return { kind: 'path', steps };
      }
    }
  }

  #peek(): Token {
    return this.#tokens[this.#index] ?? { type: 'end', at: this.#sql.length };
  }

  #next(): Token {
    const token = this.#peek();
    if (token.type !== 'end') this.#index += 1;
    return token;
  }

  #symbol(text: string): boolean {
    const token = this.#peek();
    if (token.type === 'symbol' && token.text === text) {
      this.#index += 1;
      return true;
    }
    return false;
  }

  #isKeyword(keyword: string): boolean {
    const token = this.#peek();
    return token.type === 'word' && token.text.toUpperCase() === keyword;
  }

  #keyword(keyword: string): void {
    if (!this.#isKeyword(keyword)) this.#fail(this.#peek(), keyword);
    this.#index += 1;
  }

  #fail(token: Token, expected: string): never {
    const found =
      token.type === 'end' ? 'the end' : `'${this.#sql.slice(token.at, token.at + 20).split(/\s/)[0]}'`;
    throw new SqlSyntaxError(`expected ${expected} at character ${token.at + 1}, found ${found}`);
  }
}

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < sql.length) {
    const rest = sql.slice(at);
    const space = /^\s+/.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    const number = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    const symbol = /^(<>|!=|<=|>=|[=<>+\-*/%(),.[\]])/.exec(rest);
    if (number) {
      tokens.push({ type: 'number', value: Number(number[0]), at });
      at += number[0].length;
    } else if (word) {
      tokens.push({ type: 'word', text: word[0], at });
      at += word[0].length;
    } else if (rest[0] === "'" || rest[0] === '"') {
      const quote = rest[0];
      let text = '';
      let end = 1;
      for (; end < rest.length; end += 1) {
        const char = rest[end] as string;
        // A doubled quote, or a backslash, escapes the quote inside a literal.
        if ((char === quote && rest[end + 1] === quote) || (char === '\\' && rest[end + 1] === quote)) {
          text += quote;
          end += 1;
        } else if (char === quote) {
          break;
        } else {
          text += char;
        }
      }
      if (end >= rest.length)
        throw new SqlSyntaxError(`unterminated ${quote}-quoted text at character ${at + 1}`);
      tokens.push({ type: quote === "'" ? 'string' : 'quoted-name', text, at });
      at += end + 1;
    } else if (symbol) {
      tokens.push({ type: 'symbol', text: symbol[0], at });
      at += symbol[0].length;
    } else {
      throw new SqlSyntaxError(`unexpected character '${rest[0]}' at character ${at + 1}`);
    }
  }
  return tokens;
}
