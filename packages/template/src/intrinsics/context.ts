import type { MappingsSection } from '../types.js';

/** The values of CloudFormation's pseudo parameters (`AWS::Region`, ...) for one stack. */
export interface PseudoParameters {
  stackName: string;
  stackId: string;
  region: string;
  accountId: string;
  partition: string;
  urlSuffix: string;
}

/** A parameter value: lists (`CommaDelimitedList`, `List<...>`) are arrays, everything else a string. */
export type ParameterValue = string | string[];

/** What resolving intrinsics needs that does not depend on resources: the stack's static inputs. */
export interface StaticContext {
  pseudo: PseudoParameters;
  parameters: Record<string, ParameterValue>;
  /** Conditions, already evaluated (see `evaluateConditions`). */
  conditions: Record<string, boolean>;
  mappings: MappingsSection;
}

/** What evaluating the Conditions section needs: conditions themselves are what it produces. */
export type ConditionContext = Omit<StaticContext, 'conditions'>;

/** Everything {@link resolveValue} needs to resolve intrinsic functions inside one stack. */
export interface IntrinsicContext extends StaticContext {
  /** Ref of a resource logical id: its physical id; `undefined` when there is no such resource. */
  ref(logicalId: string): unknown;
  /** An attribute of a resource; `undefined` when the resource or attribute is unknown. */
  getAtt(logicalId: string, attribute: string): unknown;
  /** The value of another stack's export; `undefined` when nothing exports that name. */
  importValue(exportName: string): unknown;
}

/** Where a value sits, for error messages. */
export interface ValueLocation {
  file: string;
  /** Logical id of the resource the value belongs to. */
  resource?: string;
  /** Dotted path of the value, e.g. `Properties.Environment.Variables`. */
  property?: string;
}
