import { mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { CloudError } from '../../errors.js';
import { buildFunction } from '../../lambda/function-build.js';
import type { AsyncInvokeConfig, FunctionConfig } from '../../lambda/types.js';
import { generatePhysicalName } from '../physical-name.js';
import type {
  ExistingResourceRequest,
  ResourceProvider,
  ResourceRequest,
  ResourceState,
  UpdateResourceRequest,
} from '../resource-provider.js';

/** The part of the Lambda service that deploys functions. */
export interface FunctionHost {
  createFunction(config: FunctionConfig): void;
  updateFunction(config: FunctionConfig): void;
  deleteFunction(nameOrArn: string): Promise<void>;
  getFunction(nameOrArn: string): FunctionConfig | undefined;
}

export interface LambdaFunctionProviderOptions {
  readonly host: FunctionHost;
  readonly accountId: string;
  readonly region: string;
  /** Directory for one function's build output (inside the project, so externals still resolve). */
  readonly buildDir: (stackName: string, logicalId: string) => string;
  /** Called after each build, e.g. for a progress line or a file watcher. */
  readonly onBuilt?: (
    functionName: string,
    result: { durationMs: number; cached: boolean; built: boolean },
  ) => void;
}

/** A function property the local cloud cannot honour. */
export class FunctionConfigError extends CloudError {
  constructor(message: string) {
    super('FUNCTION_CONFIG_INVALID', message);
  }
}

const PROPERTIES = [
  'Architectures',
  'Code',
  'CodeSigningConfigArn',
  'DeadLetterConfig',
  'Description',
  'Environment',
  'EphemeralStorage',
  'FunctionName',
  'Handler',
  'KmsKeyArn',
  'Layers',
  'LoggingConfig',
  'MemorySize',
  'PackageType',
  'ReservedConcurrentExecutions',
  'Role',
  'Runtime',
  'Tags',
  'Timeout',
  'TracingConfig',
  'VpcConfig',
] as const;

/**
 * `AWS::Lambda::Function`: builds the code (as `sam build` would) and registers the function
 * with the account's Lambda service. `Ref` is the function name, `Fn::GetAtt X.Arn` its ARN.
 */
/** What the dev loop needs to rebuild one function when its sources change. */
export interface FunctionSources {
  readonly functionName: string;
  /** `<stack>/<LogicalId>`, for messages. */
  readonly functionId: string;
  /** Source files the last build read (empty when the code is not built). */
  readonly inputs: readonly string[];
  /** The CodeUri directory. */
  readonly codeUri: string;
}

export class LambdaFunctionProvider implements ResourceProvider {
  readonly properties = new Set<string>(PROPERTIES);
  readonly requiredProperties = new Set(['Code', 'Role']);
  readonly #options: LambdaFunctionProviderOptions;
  readonly #sources = new Map<string, FunctionSources & { readonly request: ResourceRequest }>();

  constructor(options: LambdaFunctionProviderOptions) {
    this.#options = options;
  }

  async create(request: ResourceRequest): Promise<ResourceState> {
    const name =
      typeof request.properties.FunctionName === 'string'
        ? request.properties.FunctionName
        : generatePhysicalName(request.stack.stackName, request.logicalId);
    const config = await this.#configure(request, name, undefined);
    this.#options.host.createFunction(config);
    return { physicalId: name, attributes: { Arn: config.arn } };
  }

  async update(request: UpdateResourceRequest): Promise<ResourceState> {
    const newName = request.properties.FunctionName;
    if (newName !== request.oldProperties.FunctionName) {
      // A new explicit name is a replacement in CloudFormation: create, then the engine deletes the old one.
      return this.create(request);
    }
    const existing = this.#options.host.getFunction(request.physicalId);
    const config = await this.#configure(request, request.physicalId, existing?.asyncInvokeConfig);
    this.#options.host.updateFunction(config);
    return { physicalId: request.physicalId, attributes: { Arn: config.arn } };
  }

  async delete(request: ExistingResourceRequest): Promise<void> {
    this.#sources.delete(request.physicalId);
    if (this.#options.host.getFunction(request.physicalId))
      await this.#options.host.deleteFunction(request.physicalId);
  }

  async restore(request: ExistingResourceRequest, state: ResourceState): Promise<ResourceState> {
    const config = await this.#configure(request, request.physicalId, undefined);
    if (this.#options.host.getFunction(config.name)) this.#options.host.updateFunction(config);
    else this.#options.host.createFunction(config);
    return state;
  }

  /** The functions built from local sources, for the dev loop's watcher. */
  sources(): FunctionSources[] {
    return [...this.#sources.values()].map(({ request: _request, ...sources }) => sources);
  }

  /**
   * Rebuilds a function from its sources and swaps the new code in: new invocations get new
   * execution environments, in-flight ones finish on the old code.
   */
  async rebuild(functionName: string): Promise<void> {
    const sources = this.#sources.get(functionName);
    const existing = this.#options.host.getFunction(functionName);
    if (!sources || !existing) return;
    const config = await this.#configure(sources.request, functionName, existing.asyncInvokeConfig);
    this.#options.host.updateFunction(config);
  }

  async #configure(
    request: ResourceRequest,
    name: string,
    asyncInvokeConfig: AsyncInvokeConfig | undefined,
  ): Promise<FunctionConfig> {
    const p = request.properties;
    const fail = (property: string, message: string): never => {
      throw new FunctionConfigError(
        `${request.stack.templateFile}: resource ${request.logicalId}, property ${property}: ${message}`,
      );
    };
    const runtime =
      typeof p.Runtime === 'string' ? p.Runtime : fail('Runtime', 'a zip function needs a Runtime');
    if (!/^nodejs\d+\.x$/.test(runtime))
      fail('Runtime', `runtime '${runtime}' does not run locally; use a nodejs runtime`);
    if (p.PackageType !== undefined && p.PackageType !== 'Zip')
      fail('PackageType', 'container images do not run locally');
    const handler =
      typeof p.Handler === 'string' ? p.Handler : fail('Handler', 'a zip function needs a Handler');
    const timeoutSeconds =
      integer(p.Timeout, 3, 1, 900) ?? fail('Timeout', 'must be a whole number of seconds from 1 to 900');
    const memoryMb =
      integer(p.MemorySize, 128, 128, 10240) ??
      fail('MemorySize', 'must be a whole number of MB from 128 to 10240');
    const reserved =
      p.ReservedConcurrentExecutions === undefined
        ? undefined
        : (integer(p.ReservedConcurrentExecutions, 0, 0, 100000) ??
          fail('ReservedConcurrentExecutions', 'must be a whole number, 0 or more'));
    const environment = environmentVariables(p.Environment, fail);
    const deadLetter = p.DeadLetterConfig as { TargetArn?: unknown } | undefined;
    const outDir = this.#options.buildDir(request.stack.stackName, request.logicalId);
    const code = await this.#code(request, name, outDir, handler, runtime, fail);
    const arn = `arn:aws:lambda:${this.#options.region}:${this.#options.accountId}:function:${name}`;
    return {
      name,
      arn,
      handler: code.handler,
      runtime,
      codeDir: code.codeDir,
      timeoutSeconds,
      memoryMb,
      environment,
      ...(reserved === undefined ? {} : { reservedConcurrency: reserved }),
      ...(typeof deadLetter?.TargetArn === 'string' ? { deadLetterTargetArn: deadLetter.TargetArn } : {}),
      ...(asyncInvokeConfig ? { asyncInvokeConfig } : {}),
      stackName: request.stack.stackName,
      logicalId: request.logicalId,
    };
  }

  async #code(
    request: ResourceRequest,
    name: string,
    outDir: string,
    handler: string,
    runtime: string,
    fail: (property: string, message: string) => never,
  ): Promise<{ codeDir: string; handler: string }> {
    const code = request.properties.Code;
    if (typeof code === 'string') {
      const codeUri = isAbsolute(code) ? code : resolve(request.stack.templateDir, code);
      const result = await buildFunction({
        functionId: `${request.stack.stackName}/${request.logicalId}`,
        templateFile: request.stack.templateFile,
        codeUri,
        handler,
        runtime,
        metadata: request.metadata as { BuildMethod?: string; BuildProperties?: Record<string, unknown> },
        outDir,
      });
      const functionId = `${request.stack.stackName}/${request.logicalId}`;
      this.#sources.set(name, { functionName: name, functionId, inputs: result.inputs, codeUri, request });
      this.#options.onBuilt?.(functionId, result);
      return { codeDir: result.codeDir, handler: result.handler };
    }
    if (code !== null && typeof code === 'object' && 'ZipFile' in code && typeof code.ZipFile === 'string') {
      // Inline code is written where the handler's module (`index` for `index.handler`) is looked up.
      await mkdir(outDir, { recursive: true });
      const moduleName = handler.slice(0, handler.lastIndexOf('.')) || 'index';
      await writeFile(join(outDir, `${moduleName}.js`), code.ZipFile);
      await writeFile(join(outDir, 'package.json'), '{"type":"commonjs"}\n');
      return { codeDir: outDir, handler };
    }
    return fail(
      'Code',
      'only a local path (CodeUri) or inline ZipFile code runs locally, not S3 or image code',
    );
  }
}

function integer(value: unknown, fallback: number, min: number, max: number): number | undefined {
  if (value === undefined) return fallback;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max)
    return undefined;
  return number;
}

function environmentVariables(
  environment: unknown,
  fail: (property: string, message: string) => never,
): Record<string, string> {
  if (environment === undefined) return {};
  const variables = (environment as { Variables?: unknown }).Variables ?? {};
  if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) {
    return fail('Environment.Variables', 'must be a map of names to values');
  }
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(variables)) {
    if (!/^[a-zA-Z]\w*$/.test(key)) fail(`Environment.Variables.${key}`, 'is not a valid variable name');
    if (value !== null && typeof value === 'object') fail(`Environment.Variables.${key}`, 'must be a string');
    result[key] = String(value);
  }
  return result;
}
