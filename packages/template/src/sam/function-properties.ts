/** `AWS::Serverless::Function` properties the transform implements. Anything else is rejected by name. */
export const SUPPORTED_FUNCTION_PROPERTIES: ReadonlySet<string> = new Set([
  // Canary deployments happen on AWS; locally the alias runs the latest code (the cloud says so once).
  'AutoPublishAlias',
  'DeploymentPreference',
  'Handler',
  'Runtime',
  'CodeUri',
  'InlineCode',
  'Timeout',
  'MemorySize',
  'Environment',
  'ReservedConcurrentExecutions',
  'VpcConfig',
  'FunctionName',
  'Description',
  'Tags',
  'Architectures',
  'Layers',
  'Tracing',
  'KmsKeyArn',
  'EphemeralStorage',
  'LoggingConfig',
  'Role',
  'Policies',
  'PermissionsBoundary',
  'AssumeRolePolicyDocument',
  'RolePath',
  'DeadLetterQueue',
  'EventInvokeConfig',
  'Events',
]);

/** Function properties SAM lets `Globals.Function` set (SAM rejects the rest there, e.g. `Role`, `Events`). */
export const GLOBAL_FUNCTION_PROPERTIES: ReadonlySet<string> = new Set([
  'Handler',
  'Runtime',
  'CodeUri',
  'DeadLetterQueue',
  'Description',
  'MemorySize',
  'Timeout',
  'VpcConfig',
  'Environment',
  'Tags',
  'PropagateTags',
  'Tracing',
  'KmsKeyArn',
  'Layers',
  'AutoPublishAlias',
  'AutoPublishAliasAllProperties',
  'DeploymentPreference',
  'PermissionsBoundary',
  'ReservedConcurrentExecutions',
  'ProvisionedConcurrencyConfig',
  'AssumeRolePolicyDocument',
  'EventInvokeConfig',
  'Architectures',
  'EphemeralStorage',
  'SnapStart',
  'FunctionUrlConfig',
  'RuntimeManagementConfig',
  'LoggingConfig',
  'RecursiveLoop',
  'SourceKMSKeyArn',
]);

/** Properties copied unchanged from the SAM function onto `AWS::Lambda::Function`. */
export const COPIED_FUNCTION_PROPERTIES = [
  'Handler',
  'Runtime',
  'Description',
  'FunctionName',
  'Environment',
  'ReservedConcurrentExecutions',
  'VpcConfig',
  'Architectures',
  'Layers',
  'KmsKeyArn',
  'EphemeralStorage',
  'LoggingConfig',
] as const;

/** SAM's defaults where Lambda's would differ or SAM writes them out. */
export const DEFAULT_TIMEOUT_SECONDS = 3;
/** Lambda's default memory, written out so the local runtime never has to guess. */
export const DEFAULT_MEMORY_MB = 128;
