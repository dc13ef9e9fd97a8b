/**
 * What `Ref: AWS::NoValue` evaluates to while a value is being resolved: the enclosing key or list
 * element is removed, so it never reaches a caller.
 */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
