import { type Finding, FindingCode } from '../finding.js';
import type { TemplateModel } from '../template-model.js';

/**
 * The newest Node.js runtime AWS has deprecated or is deprecating: Lambda retires `nodejs20.x`
 * with Node.js 20's end of life (30 April 2026); every older one went before.
 */
const NEWEST_DEPRECATED_NODE_MAJOR = 20;

/**
 * No function uses a deprecated runtime: AWS stops patching it, then blocks creating and later
 * updating functions with it, so a deploy that works today fails on the day of a hotfix.
 */
export function checkDeprecatedRuntime(model: TemplateModel): Finding[] {
  const findings: Finding[] = [];
  for (const fn of model.functions) {
    const runtime = fn.runtime;
    if (runtime === undefined) continue;
    const node = /^nodejs(\d+)?(?:\.\d+|\.x)?(?:-edge)?$/.exec(runtime);
    if (node === null) continue;
    const major = node[1] === undefined ? 0 : Number(node[1]);
    if (major > NEWEST_DEPRECATED_NODE_MAJOR) continue;
    findings.push({
      code: FindingCode.RUNTIME_DEPRECATED,
      file: model.file,
      resource: fn.id,
      property: 'Properties.Runtime',
      message: `runtime ${runtime} is deprecated by AWS (nodejs${NEWEST_DEPRECATED_NODE_MAJOR}.x and older): use nodejs22.x or later`,
    });
  }
  return findings;
}
