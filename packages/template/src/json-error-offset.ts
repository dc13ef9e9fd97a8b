const WHITESPACE = ' \t\n\r';
const ESCAPES = '"\\/bfnrt';
const LITERAL = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?)/;

/**
 * The offset at which JSON text stops being valid JSON, or `undefined` when it is valid. Node's
 * `JSON.parse` names the position of only some errors, and users need the line of every one.
 */
export function jsonErrorOffset(text: string): number | undefined {
  const scanner = new JsonScanner(text);
  try {
    scanner.document();
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxAt) return error.offset;
    throw error;
  }
}

class JsonSyntaxAt extends Error {
  constructor(readonly offset: number) {
    super(`invalid JSON at offset ${offset}`);
  }
}

/** A recursive-descent walk over JSON's grammar that only records where it first fails. */
class JsonScanner {
  private index = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.value();
    this.skipSpace();
    if (this.index < this.text.length) this.fail();
  }

  private value(): void {
    this.skipSpace();
    const char = this.text.charAt(this.index);
    if (char === '{') {
      this.members('}', () => this.property());
    } else if (char === '[') {
      this.members(']', () => this.value());
    } else if (char === '"') {
      this.string();
    } else {
      const literal = LITERAL.exec(this.text.slice(this.index));
      if (literal === null) this.fail();
      this.index += literal[0].length;
    }
  }

  private property(): void {
    this.skipSpace();
    this.string();
    this.skipSpace();
    this.expect(':');
    this.value();
  }

  private members(close: string, member: () => void): void {
    this.index++;
    this.skipSpace();
    if (this.text.charAt(this.index) === close) {
      this.index++;
      return;
    }
    for (;;) {
      member();
      this.skipSpace();
      if (this.text.charAt(this.index) === close) {
        this.index++;
        return;
      }
      this.expect(',');
    }
  }

  private string(): void {
    this.expect('"');
    while (this.index < this.text.length && this.text.charAt(this.index) !== '"') {
      if (this.text.charCodeAt(this.index) < 0x20) this.fail();
      if (this.text.charAt(this.index) === '\\') this.escape();
      this.index++;
    }
    this.expect('"');
  }

  private escape(): void {
    this.index++;
    const char = this.text.charAt(this.index);
    if (char === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.index + 1, this.index + 5))) this.fail();
      this.index += 4;
    } else if (char === '' || !ESCAPES.includes(char)) {
      this.fail();
    }
  }

  private skipSpace(): void {
    while (this.index < this.text.length && WHITESPACE.includes(this.text.charAt(this.index))) this.index++;
  }

  private expect(literal: string): void {
    if (!this.text.startsWith(literal, this.index)) this.fail();
    this.index += literal.length;
  }

  private fail(): never {
    throw new JsonSyntaxAt(this.index);
  }
}
