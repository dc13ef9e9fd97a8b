import { type ListenerProperties, parseListenerDefinition } from './listener-definition.js';
import type { ListenerStore, ResourceRef } from './ports.js';

const PHYSICAL_ID = /^event-listener-([1-9]\d{0,14})$/;

/**
 * The custom resource's physical id for a listener: stable across updates, so CloudFormation
 * never replaces a listener, and it tells the registry row it stands for.
 * @example
 * physicalIdOf(12); // 'event-listener-12'
 */
export function physicalIdOf(listenerId: number): string {
  return `event-listener-${listenerId}`;
}

/** The listener id in a physical id, or `undefined` when it is not one of ours. */
export function listenerIdOf(physicalId: string | undefined): number | undefined {
  const match = physicalId === undefined ? null : PHYSICAL_ID.exec(physicalId);
  return match ? Number(match[1]) : undefined;
}

/**
 * Create: checks the declaration and registers it. Idempotent: the same resource of the same
 * stack registered twice is one listener.
 * @example
 * const { physicalId } = await registerListener({ stackId, logicalId }, properties, store);
 */
export async function registerListener(
  resource: ResourceRef,
  properties: ListenerProperties,
  store: Pick<ListenerStore, 'upsert'>,
): Promise<{ readonly physicalId: string; readonly listenerId: number }> {
  const listenerId = await store.upsert(resource, parseListenerDefinition(properties));
  return { physicalId: physicalIdOf(listenerId), listenerId };
}

/**
 * Update: the listener keeps its id (and its delivery history); event type, target and filter
 * change in place. A listener that is no longer registered is registered again.
 * @example
 * await changeListener(event.PhysicalResourceId, { stackId, logicalId }, properties, store);
 */
export async function changeListener(
  physicalId: string,
  resource: ResourceRef,
  properties: ListenerProperties,
  store: Pick<ListenerStore, 'update' | 'upsert'>,
): Promise<{ readonly physicalId: string; readonly listenerId: number }> {
  const definition = parseListenerDefinition(properties);
  const current = listenerIdOf(physicalId);
  const updated = current === undefined ? undefined : await store.update(current, definition);
  const listenerId = updated ?? (await store.upsert(resource, definition));
  return { physicalId: physicalIdOf(listenerId), listenerId };
}

/**
 * Delete: removes the listener; deleting one that is not registered (already removed, or never
 * created because its Create failed) succeeds, as CloudFormation needs to finish.
 * @example
 * await unregisterListener(event.PhysicalResourceId, store);
 */
export async function unregisterListener(
  physicalId: string,
  store: Pick<ListenerStore, 'remove'>,
): Promise<boolean> {
  const listenerId = listenerIdOf(physicalId);
  return listenerId === undefined ? false : store.remove(listenerId);
}
