import type { ResourceRecord } from './stack-record.js';

/**
 * The order to delete resources in: a resource goes only after everything that depends on it,
 * the reverse of creation. Dependencies on resources outside the set are ignored.
 */
export function deletionOrder(resources: Readonly<Record<string, ResourceRecord>>): string[] {
  const ids = Object.keys(resources);
  const dependents = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const id of ids) {
    for (const dependency of resources[id]?.dependsOn ?? []) {
      if (dependents.has(dependency)) dependents.set(dependency, (dependents.get(dependency) ?? 0) + 1);
    }
  }
  const order: string[] = [];
  const ready = ids.filter((id) => dependents.get(id) === 0);
  while (ready.length > 0) {
    const id = ready.pop() as string;
    order.push(id);
    for (const dependency of resources[id]?.dependsOn ?? []) {
      if (!dependents.has(dependency)) continue;
      const left = (dependents.get(dependency) ?? 0) - 1;
      dependents.set(dependency, left);
      if (left === 0) ready.push(dependency);
    }
  }
  // A cycle cannot be created, but a hand-edited state file could hold one: delete the rest anyway.
  for (const id of ids) if (!order.includes(id)) order.push(id);
  return order;
}
