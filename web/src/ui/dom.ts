/** Attributes of {@link el}: `data-*`, `class`, `type`… as strings; `on<event>` as listeners. */
export type Attributes = Record<string, string | number | boolean | undefined | EventListener>;

/** Children of {@link el}: nodes, text, or nothing (skipped). */
export type Child = Node | string | number | null | undefined | false;

/**
 * Creates an element with attributes, listeners and children; the app's only DOM helper.
 * @example
 * el('button', { 'data-testid': 'logout', onclick: () => session.logout() }, 'Log out');
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Appends children, skipping empty ones. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A short local time (`14:03:07`) for an ISO time, or a dash. */
export function timeOf(iso: string | null | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString([], { hour12: false });
}

/** A local date and time for an ISO time, or a dash. */
export function dateTimeOf(iso: string | null | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString([], { hour12: false });
}
