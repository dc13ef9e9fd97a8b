import { buildFunction } from '@motorcade/cloud';

/** What bundling one function needs: the same inputs `sam build` reads from the template. */
export interface BundleRequest {
  readonly functionId: string;
  readonly templateFile: string;
  /** Absolute CodeUri directory. */
  readonly codeUri: string;
  readonly handler: string;
  readonly runtime: string;
  readonly metadata?: { BuildMethod?: string; BuildProperties?: Record<string, unknown> };
  readonly environment?: Readonly<Record<string, string>>;
  /** Absolute directory reserved for this function's bundle. */
  readonly outDir: string;
}

/** The directory to zip and the handler that works inside it. */
export interface BundleResult {
  readonly codeDir: string;
  readonly handler: string;
}

/** Builds a function's code; injectable so tests need no esbuild run. */
export type FunctionBundler = (request: BundleRequest) => Promise<BundleResult>;

/**
 * The local cloud's `buildFunction`: the code that runs in `motorcade dev` is the code shipped,
 * bundled exactly as `sam build` does.
 */
export const cloudFunctionBundler: FunctionBundler = async (request) => {
  const result = await buildFunction(request);
  return { codeDir: result.codeDir, handler: result.handler };
};
