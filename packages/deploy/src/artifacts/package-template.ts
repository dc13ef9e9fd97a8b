import { isAbsolute, join, resolve } from 'node:path';
import type { TemplateDocument, TemplateObject } from '@motorcade/template';
import { DeployError } from '../errors.js';
import { isMapping } from '../validate/intrinsic.js';
import type { DeployBucket } from './deploy-bucket.js';
import type { FunctionBundler } from './function-bundler.js';
import { zipDirectory } from './zip-directory.js';

/** What packaging a stack's template did, for the progress line. */
export interface PackagedTemplate {
  /** The template with every local CodeUri / Code replaced by its S3 location. */
  readonly template: TemplateDocument;
  readonly functions: number;
  readonly uploaded: number;
}

/** Inputs of {@link packageTemplate}. */
export interface PackageRequest {
  readonly doc: TemplateDocument;
  readonly file: string;
  readonly templateDir: string;
  readonly stackName: string;
  readonly bucket: DeployBucket;
  readonly bundle: FunctionBundler;
  /** Where bundles are written, one folder per function (`.motorcade/<env>/deploy/<stack>`). */
  readonly buildDir: string;
}

/**
 * Bundles every function whose code is a local path (as `sam build` would), zips it
 * reproducibly, uploads it once under `functions/<sha256>.zip`, and points the template at it —
 * what `sam package` does. The SAM transform stays in the template for CloudFormation to run.
 */
export async function packageTemplate(request: PackageRequest): Promise<PackagedTemplate> {
  const template = structuredClone(request.doc);
  const globals = isMapping(template.Globals?.Function) ? template.Globals.Function : {};
  let functions = 0;
  let uploaded = 0;
  for (const [id, resource] of Object.entries(template.Resources)) {
    const sam = resource.Type === 'AWS::Serverless::Function';
    if (!sam && resource.Type !== 'AWS::Lambda::Function') continue;
    const properties: TemplateObject = resource.Properties ?? {};
    const effective: TemplateObject = sam ? { ...globals, ...properties } : properties;
    const path = sam ? effective.CodeUri : effective.Code;
    if (typeof path !== 'string' || path.startsWith('s3://')) continue;
    const codeUri = isAbsolute(path) ? path : resolve(request.templateDir, path);
    const handler = String(effective.Handler ?? '');
    let built: { codeDir: string; handler: string };
    try {
      built = await request.bundle({
        functionId: `${request.stackName}/${id}`,
        templateFile: request.file,
        codeUri,
        handler,
        runtime: String(effective.Runtime ?? ''),
        metadata: resource.Metadata as { BuildMethod?: string; BuildProperties?: Record<string, unknown> },
        outDir: join(request.buildDir, id),
      });
    } catch (error) {
      throw new DeployError(
        'ARTIFACT_FAILED',
        `${request.file}: resource ${id}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    const zip = await zipDirectory(built.codeDir);
    const key = `functions/${zip.sha256}.zip`;
    if (await request.bucket.putOnce(key, zip.bytes, 'application/zip')) uploaded++;
    functions++;
    if (sam) {
      properties.CodeUri = { Bucket: request.bucket.name, Key: key };
    } else {
      properties.Code = { S3Bucket: request.bucket.name, S3Key: key };
    }
    // sam build shortens `src/app.handler` to `app.handler` for a bundle; the shipped handler must match.
    if (built.handler !== handler) properties.Handler = built.handler;
    resource.Properties = properties;
  }
  return { template, functions, uploaded };
}
