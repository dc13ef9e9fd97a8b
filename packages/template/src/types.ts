/** A JSON-like value as it appears in a template once short-form tags are in long form. */
export type TemplateValue = string | number | boolean | null | TemplateValue[] | TemplateObject;

/** A mapping inside a template. */
export interface TemplateObject {
  [key: string]: TemplateValue;
}

/** One entry of the `Parameters` section. */
export interface ParameterDefinition {
  Type: string;
  Default?: TemplateValue;
  Description?: string;
  AllowedValues?: TemplateValue[];
  AllowedPattern?: string;
  ConstraintDescription?: string;
  MinLength?: number | string;
  MaxLength?: number | string;
  MinValue?: number | string;
  MaxValue?: number | string;
  NoEcho?: boolean | string;
}

/** One entry of the `Resources` section. */
export interface ResourceDefinition {
  Type: string;
  Properties?: TemplateObject;
  DependsOn?: string | string[];
  Condition?: string;
  Metadata?: TemplateObject;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

/** One entry of the `Outputs` section. */
export interface OutputDefinition {
  Value: TemplateValue;
  Export?: { Name: TemplateValue };
  Condition?: string;
  Description?: string;
}

/** `Mappings`: map name → top-level key → second-level key → value. */
export type MappingsSection = Record<string, Record<string, Record<string, TemplateValue>>>;

/** A parsed CloudFormation or SAM template, every intrinsic function in long form. */
export interface TemplateDocument {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Metadata?: TemplateObject;
  /** A transform name, or several; SAM templates name `AWS::Serverless-2016-10-31`. */
  Transform?: string | string[];
  /** SAM `Globals`: section (`Function`, `Api`, ...) → property defaults. */
  Globals?: Record<string, TemplateObject>;
  Parameters?: Record<string, ParameterDefinition>;
  Mappings?: MappingsSection;
  Conditions?: Record<string, TemplateValue>;
  Rules?: TemplateObject;
  Resources: Record<string, ResourceDefinition>;
  Outputs?: Record<string, OutputDefinition>;
}
