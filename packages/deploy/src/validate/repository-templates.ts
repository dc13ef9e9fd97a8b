import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** Folders whose `<name>/template.yaml` are templates by convention, besides those a config names. */
const TEMPLATE_FOLDERS = ['services', 'examples'];

/**
 * Every template of a repository: those the project configs at its root name (`*.config.json`
 * with a `services` map, e.g. `motorcade.config.json`, and its `web.template`), and every `services/<name>/template.yaml`
 * and `examples/<name>/template.yaml`, so a new service is validated before anyone lists it.
 * Absolute paths, sorted, without duplicates.
 */
export async function repositoryTemplates(rootDir: string): Promise<string[]> {
  const root = resolve(rootDir);
  const found = new Set<string>();
  for (const entry of await readdir(root)) {
    if (!entry.endsWith('.config.json')) continue;
    for (const template of await configTemplates(join(root, entry))) found.add(template);
  }
  for (const folder of TEMPLATE_FOLDERS) {
    const entries = await readdir(join(root, folder)).catch(() => [] as string[]);
    for (const name of entries) {
      const template = join(root, folder, name, 'template.yaml');
      if ((await stat(template).catch(() => undefined))?.isFile()) found.add(template);
    }
  }
  return [...found].sort();
}

async function configTemplates(file: string): Promise<string[]> {
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (parsed === null || typeof parsed !== 'object' || !('services' in parsed)) return [];
  const { services, web } = parsed as { services: unknown; web?: unknown };
  if (services === null || typeof services !== 'object') return [];
  return [...Object.values(services as Record<string, unknown>), web]
    .map((entry) => (entry as { template?: unknown } | null | undefined)?.template)
    .filter((template): template is string => typeof template === 'string')
    .map((template) => resolve(dirname(file), template));
}
