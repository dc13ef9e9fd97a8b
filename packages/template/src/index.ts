export { orderResources, resourceDependencies } from './dependencies.js';
export type {
  ConditionContext,
  IntrinsicContext,
  ParameterValue,
  PseudoParameters,
  StaticContext,
  ValueLocation,
} from './intrinsics/context.js';
export { evaluateConditions } from './intrinsics/evaluate-conditions.js';
export { PSEUDO_PARAMETER_NAMES } from './intrinsics/pseudo-parameters.js';
export { resolveValue } from './intrinsics/resolve-value.js';
export { declaredParameterNames, type ResolvedParameters, resolveParameters } from './parameters.js';
export { loadTemplate, parseTemplate } from './parse.js';
export { referencedNames } from './references.js';
export { applySamTransform, SAM_TRANSFORM, usesSamTransform } from './sam/transform.js';
export { type StackExport, stackExports, stackImports } from './stack-interface.js';
export {
  TemplateError,
  TemplateErrorCode,
  type TemplateErrorOptions,
  type TemplateLocation,
} from './template-error.js';
export { checkTemplateShape, isTemplateObject } from './template-shape.js';
export type {
  MappingsSection,
  OutputDefinition,
  ParameterDefinition,
  ResourceDefinition,
  TemplateDocument,
  TemplateObject,
  TemplateValue,
} from './types.js';
