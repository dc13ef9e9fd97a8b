import { createHash, randomBytes } from 'node:crypto';

/** Lambda stops a recursive loop after 16 invocations of one function in one chain. */
export const MAX_RECURSIVE_INVOCATIONS = 16;

/** The trace an invocation runs under, and whether Lambda's loop detection stops it. */
export interface InvocationTrace {
  /** `Root=1-<8 hex time>-<24 hex>;Parent=<16 hex>;Sampled=0;Lineage=<hash>:<count>[|…]`. */
  readonly header: string;
  /** How many times this function has now run in this chain, this invocation included. */
  readonly hops: number;
  /** True when this invocation would exceed {@link MAX_RECURSIVE_INVOCATIONS}. */
  readonly recursive: boolean;
}

/** The 8-hex identifier of a function in the lineage (as AWS hashes the resource, not its name). */
export function lineageHash(functionArn: string): string {
  return createHash('sha256').update(functionArn).digest('hex').slice(0, 8);
}

/**
 * Computes the X-Ray trace header for one invocation of the function whose lineage hash is
 * `functionHash`, continuing `incomingHeader` (the caller's `X-Amzn-Trace-Id`, which the AWS SDK
 * inside a function copies from `_X_AMZN_TRACE_ID`).
 *
 * The Lineage field counts, per function, how often it ran in the chain. AWS documents it as
 * `Lineage=a87bd80c:1|68fd508a:5` (hash:count per resource, up to 16 resources); AWS has since
 * moved to a compact `<count>:<hash>:<counter>` form, which is accepted here as well. We emit the
 * per-function form because it tells A→B→A loops apart from long chains of distinct functions.
 */
export function traceForInvocation(
  incomingHeader: string | undefined,
  functionHash: string,
  nowMs: number = Date.now(),
): InvocationTrace {
  const random = randomBytes(20).toString('hex');
  let root: string | undefined;
  let lineage: string | undefined;
  if (incomingHeader) {
    for (const part of incomingHeader.split(';')) {
      const at = part.indexOf('=');
      if (at === -1) continue;
      const key = part.slice(0, at).trim();
      if (key === 'Root') root = part.slice(at + 1).trim();
      else if (key === 'Lineage') lineage = part.slice(at + 1).trim();
    }
  }
  root ??= `1-${Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, '0')}-${random.slice(0, 24)}`;
  const counts = parseLineage(lineage);
  const hops = (counts.get(functionHash) ?? 0) + 1;
  counts.set(functionHash, hops);
  return {
    header: `Root=${root};Parent=${random.slice(24, 40)};Sampled=0;Lineage=${formatLineage(counts)}`,
    hops,
    recursive: hops > MAX_RECURSIVE_INVOCATIONS,
  };
}

/** Parses both lineage forms into hash → count; malformed entries are ignored, as AWS does. */
export function parseLineage(value: string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  if (!value) return counts;
  for (const entry of value.split('|')) {
    const fields = entry.split(':');
    // v1: <hash>:<count>; v2: <count>:<hash>:<request counter>
    const [hash, count] = fields.length === 3 ? [fields[1], fields[0]] : [fields[0], fields[1]];
    if (!hash || !/^[0-9a-f]{8}$/.test(hash) || !count || !/^\d{1,5}$/.test(count)) continue;
    counts.set(hash, Number(count));
  }
  return counts;
}

function formatLineage(counts: Map<string, number>): string {
  let out = '';
  for (const [hash, count] of counts) out += out ? `|${hash}:${count}` : `${hash}:${count}`;
  return out;
}
