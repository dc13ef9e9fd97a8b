import { loadTemplate } from '@motorcade/template';
import type { ProjectConfig } from './project-config.js';

/**
 * Whether any service's template declares the parameter: `motorcade dev` starts the embedded
 * database only when some stack takes a `DatabaseUrl`.
 */
export async function projectDeclaresParameter(config: ProjectConfig, name: string): Promise<boolean> {
  for (const service of config.services) {
    const template = await loadTemplate(service.templateFile);
    if (template.Parameters && Object.hasOwn(template.Parameters, name)) return true;
  }
  return false;
}
