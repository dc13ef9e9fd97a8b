import { referencedNames } from './references.js';
import { TemplateError } from './template-error.js';
import type { ResourceDefinition, TemplateDocument, TemplateValue } from './types.js';

/**
 * For each resource, the resources it depends on: those it names through `Ref`, `Fn::GetAtt` or
 * `Fn::Sub` anywhere in its definition, and those listed in `DependsOn`. Parameters and pseudo
 * parameters are not resources and do not appear.
 */
export function resourceDependencies(doc: TemplateDocument): Map<string, Set<string>> {
  const ids = new Set(Object.keys(doc.Resources));
  const dependencies = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(doc.Resources)) {
    const { Type: _type, DependsOn: _dependsOn, Condition: _condition, ...rest } = resource;
    const named = referencedNames(rest as unknown as TemplateValue);
    const set = new Set([...named].filter((name) => ids.has(name)));
    for (const name of dependsOnList(resource)) set.add(name);
    dependencies.set(id, set);
  }
  return dependencies;
}

/**
 * Resource logical ids in an order in which they can be created: every resource after all it depends
 * on, otherwise in template order.
 *
 * @throws TemplateError `UNKNOWN_REFERENCE` for a `DependsOn` naming no resource, `CIRCULAR_DEPENDENCY`
 * naming every resource of a cycle
 */
export function orderResources(doc: TemplateDocument, file: string): string[] {
  const dependencies = resourceDependencies(doc);
  for (const [id, resource] of Object.entries(doc.Resources)) {
    const unknown = dependsOnList(resource).find((name) => !Object.hasOwn(doc.Resources, name));
    if (unknown !== undefined) {
      throw new TemplateError(`DependsOn names '${unknown}', which is not a resource in this template`, {
        code: 'UNKNOWN_REFERENCE',
        file,
        resource: id,
        property: 'DependsOn',
      });
    }
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  const remaining = [...dependencies.keys()];
  while (remaining.length > 0) {
    const next = remaining.findIndex((id) =>
      [...(dependencies.get(id) ?? [])].every((dep) => placed.has(dep)),
    );
    if (next === -1) {
      const cycle = findCycle(remaining, dependencies);
      throw new TemplateError(`Circular dependency between resources: [${cycle.join(', ')}]`, {
        code: 'CIRCULAR_DEPENDENCY',
        file,
        resource: cycle[0],
      });
    }
    const [id] = remaining.splice(next, 1) as [string];
    ordered.push(id);
    placed.add(id);
  }
  return ordered;
}

function dependsOnList(resource: ResourceDefinition): string[] {
  const { DependsOn: dependsOn } = resource;
  if (dependsOn === undefined) return [];
  return typeof dependsOn === 'string' ? [dependsOn] : dependsOn;
}

/** A cycle among resources none of which can be placed, in dependency order. */
function findCycle(remaining: readonly string[], dependencies: Map<string, Set<string>>): string[] {
  const pending = new Set(remaining);
  const path: string[] = [];
  let current = remaining[0] as string;
  // Every pending resource waits on another pending one, so walking any edge must revisit a node.
  while (!path.includes(current)) {
    path.push(current);
    const next = [...(dependencies.get(current) ?? [])].find((dep) => pending.has(dep));
    if (next === undefined) break;
    current = next;
  }
  return path.slice(path.indexOf(current));
}
