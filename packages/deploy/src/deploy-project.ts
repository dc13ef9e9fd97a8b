import { relative } from 'node:path';
import { type DeployOptions, openSession } from './deploy-session.js';
import { deployStack, type StackOutcome } from './stack-deploy.js';
import { type SiteFile, siteFiles } from './web/site-files.js';
import { type PublishedSite, publishSite } from './web/site-publish.js';
import { WEB_SERVICE, webSelected } from './web/web-stack.js';

/** What a deploy did, stack by stack, in the order it went. */
export interface DeployReport {
  readonly env: string;
  readonly stacks: ReadonlyArray<{ readonly stackName: string; readonly outcome: StackOutcome }>;
  /** Where the dashboard went, when the web stack was deployed. */
  readonly web?: PublishedSite;
}

/**
 * `motorcade deploy`: validates the templates, proves the account, then deploys each stack in
 * import order — bundle and upload its code, create a change set, execute it, stream its events —
 * and stops at the first stack that fails, leaving the later ones untouched. Right after the web
 * stack (the config's `web` section), uploads the built dashboard to its bucket.
 *
 * @throws DeployError for the first failure; stacks before it stay deployed. `WEB_NOT_BUILT`
 *   comes before anything reaches AWS.
 * @example
 * ```ts
 * await deployProject({ config: await loadProjectConfig('motorcade.config.json'), env: 'staging' });
 * ```
 */
export async function deployProject(options: DeployOptions): Promise<DeployReport> {
  const { config } = options;
  // Checked first: a deploy that changed the stacks and then found no build to upload would leave
  // the site half done.
  let site: SiteFile[] | undefined;
  if (config.web !== undefined && webSelected(config, options.services)) {
    site = await siteFiles(
      config.web.distDir,
      relative(config.rootDir, config.web.distDir) || config.web.distDir,
      { sourceMaps: config.web.sourceMaps },
    );
  }
  const session = await openSession(options, true);
  const done: Array<{ stackName: string; outcome: StackOutcome }> = [];
  let published: PublishedSite | undefined;
  const total = session.stacks.length;
  for (const [index, stack] of session.stacks.entries()) {
    const prefix = `[${index + 1}/${total}] ${stack.stackName}`;
    const line = (text: string): void => session.progress(`${prefix}: ${text}`);
    for (const note of stack.notes) line(note);
    const outcome = await deployStack(session, stack, line);
    done.push({ stackName: stack.stackName, outcome });
    if (stack.service === WEB_SERVICE && site !== undefined) {
      published = await publishSite(session, stack, site, line);
    }
  }
  session.progress(`${session.env}: ${total} stack${total === 1 ? '' : 's'} deployed`);
  if (published !== undefined) {
    session.progress(`${session.env}: dashboard ${published.url ?? `in s3://${published.bucket}`}`);
  }
  return { env: session.env, stacks: done, ...(published === undefined ? {} : { web: published }) };
}
