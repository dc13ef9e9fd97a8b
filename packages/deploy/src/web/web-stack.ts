import type { ProjectConfig } from '@motorcade/cloud';

/** The service name, and so the stack `<env>-web`, of the config's `web` template. */
export const WEB_SERVICE = 'web';

/**
 * Whether deploying `services` includes the web stack: the config has a `web` section and no
 * `--service` was given, or one of them is `web`. `--service items` alone leaves the site as it is.
 */
export function webSelected(config: ProjectConfig, services?: readonly string[]): boolean {
  if (config.web === undefined) return false;
  return services === undefined || services.length === 0 || services.includes(WEB_SERVICE);
}
