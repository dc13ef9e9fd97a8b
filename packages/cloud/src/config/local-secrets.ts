import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadTemplate } from '@motorcade/template';
import type { ProjectConfig } from './project-config.js';

/**
 * Values for the secret parameters of the project's templates — NoEcho parameters whose name ends
 * in `Secret` (e.g. `JwtSecret`) that the config does not set. On AWS they come from the deploy's
 * parameters or a secrets store; locally `motorcade dev` generates each once and keeps it in
 * `<stateDir>/secrets.json` (mode 0600), so tokens signed before a restart stay valid after it.
 */
export async function localSecrets(config: ProjectConfig, stateDir: string): Promise<Record<string, string>> {
  const wanted = new Set<string>();
  for (const service of config.services) {
    const template = await loadTemplate(service.templateFile);
    for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
      const noEcho = parameter.NoEcho === true || parameter.NoEcho === 'true';
      const given = name in config.parameters || name in service.parameters;
      if (noEcho && name.endsWith('Secret') && !given) wanted.add(name);
    }
  }
  const file = join(stateDir, 'secrets.json');
  let kept: Record<string, string> = {};
  try {
    kept = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
  } catch {
    // First start: nothing kept yet.
  }
  let changed = false;
  for (const name of wanted) {
    if (typeof kept[name] === 'string' && kept[name] !== '') continue;
    kept[name] = randomBytes(32).toString('base64url');
    changed = true;
  }
  if (changed) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(kept, null, 2)}\n`, { mode: 0o600 });
  }
  return Object.fromEntries([...wanted].map((name) => [name, kept[name] as string]));
}
