import { TemplateError, type TemplateErrorCode } from '../template-error.js';
import type { MappingsSection, TemplateValue } from '../types.js';
import type { ParameterValue, PseudoParameters, ValueLocation } from './context.js';

/** How an evaluation reaches resources and conditions; each caller decides what is allowed. */
export interface ScopeBase {
  readonly pseudo: PseudoParameters;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly mappings: MappingsSection;
  condition(name: string, scope: Scope): boolean;
  ref(logicalId: string, scope: Scope): unknown;
  getAtt(logicalId: string, attribute: string, scope: Scope): unknown;
  importValue(exportName: string, scope: Scope): unknown;
}

/** Evaluates one value within a scope; injected so intrinsic handlers need not import the dispatcher. */
export type Evaluator = (value: TemplateValue, scope: Scope) => unknown;

/** One point of an evaluation: what is reachable, and where in the template the value is. */
export class Scope {
  constructor(
    readonly base: ScopeBase,
    readonly where: ValueLocation,
    private readonly evaluator: Evaluator,
  ) {}

  /** Resolves a nested value (an argument of a function) at the same location. */
  resolve(value: TemplateValue): unknown {
    return this.evaluator(value, this);
  }

  /** The scope of a key or list index below this one. */
  child(key: string | number): Scope {
    const { property } = this.where;
    const path =
      typeof key === 'number'
        ? `${property ?? ''}[${key}]`
        : property === undefined
          ? key
          : `${property}.${key}`;
    return new Scope(this.base, { ...this.where, property: path }, this.evaluator);
  }

  /** Throws a {@link TemplateError} at this location. */
  fail(code: TemplateErrorCode, detail: string): never {
    throw new TemplateError(detail, { code, ...this.where });
  }
}
