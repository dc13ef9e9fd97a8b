import type { ApiMethod } from './api-definition.js';

/** A method matched to a request path, with the values of its path parameters. */
export interface RouteMatch {
  readonly method: ApiMethod;
  readonly pathParameters: Readonly<Record<string, string>> | null;
}

interface Node {
  readonly literals: Map<string, Node>;
  param?: { readonly name: string; readonly node: Node };
  greedy?: { readonly name: string; readonly methods: Map<string, ApiMethod> };
  readonly methods: Map<string, ApiMethod>;
}

const node = (): Node => ({ literals: new Map(), methods: new Map() });

/**
 * API Gateway's resource tree: at each level a literal segment wins over `{param}`, which wins
 * over `{proxy+}` (one or more segments); an exact method wins over ANY. Built once per API
 * definition, so matching costs one walk down the path.
 */
export class RouteTable {
  readonly #root = node();

  constructor(methods: readonly ApiMethod[]) {
    for (const method of methods) this.#add(method);
  }

  /** The method serving `httpMethod` on `path` (already without base path), if any. */
  match(httpMethod: string, path: string): RouteMatch | undefined {
    const segments = path.split('/').filter((segment) => segment !== '');
    const params: Record<string, string> = {};
    const found = walk(this.#root, segments, 0, httpMethod, params);
    if (!found) return undefined;
    return { method: found, pathParameters: Object.keys(params).length === 0 ? null : params };
  }

  #add(method: ApiMethod): void {
    let current = this.#root;
    const segments = method.resourcePath.split('/').filter((segment) => segment !== '');
    for (const [index, segment] of segments.entries()) {
      const greedy = /^\{(.+)\+\}$/.exec(segment);
      if (greedy && index === segments.length - 1) {
        current.greedy ??= { name: greedy[1] as string, methods: new Map() };
        current.greedy.methods.set(method.httpMethod, method);
        return;
      }
      const param = /^\{(.+)\}$/.exec(segment);
      if (param) {
        current.param ??= { name: param[1] as string, node: node() };
        current = current.param.node;
        continue;
      }
      let next = current.literals.get(segment);
      if (!next) {
        next = node();
        current.literals.set(segment, next);
      }
      current = next;
    }
    current.methods.set(method.httpMethod, method);
  }
}

function pick(methods: Map<string, ApiMethod>, httpMethod: string): ApiMethod | undefined {
  return methods.get(httpMethod) ?? methods.get('ANY');
}

function walk(
  current: Node,
  segments: readonly string[],
  index: number,
  httpMethod: string,
  params: Record<string, string>,
): ApiMethod | undefined {
  if (index === segments.length) return pick(current.methods, httpMethod);
  const segment = segments[index] as string;
  const literal = current.literals.get(segment);
  if (literal) {
    const found = walk(literal, segments, index + 1, httpMethod, params);
    if (found) return found;
  }
  if (current.param) {
    const found = walk(current.param.node, segments, index + 1, httpMethod, params);
    if (found) {
      params[current.param.name] = segment;
      return found;
    }
  }
  if (current.greedy) {
    const found = pick(current.greedy.methods, httpMethod);
    if (found) {
      params[current.greedy.name] = segments.slice(index).join('/');
      return found;
    }
  }
  return undefined;
}
