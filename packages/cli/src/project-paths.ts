import { dirname, resolve } from 'node:path';

/** Options every command shares. */
export interface CommonOptions {
  readonly config: string;
  readonly env: string;
  readonly stateDir?: string;
}

/** The state directory of an environment: `--state-dir`, else `.motorcade/<env>` beside the config. */
export function stateDirectory(options: CommonOptions): string {
  return options.stateDir
    ? resolve(options.stateDir)
    : resolve(dirname(resolve(options.config)), '.motorcade', options.env);
}
