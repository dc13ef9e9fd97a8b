import { type Finding, FindingCode } from '../finding.js';
import type { TemplateModel } from '../template-model.js';

/**
 * Every function states its Timeout. Lambda's 3 s default is right for almost nothing, and a
 * timeout nobody chose is how a slow dependency turns into the mysterious timeouts of the seed.
 */
export function checkExplicitTimeout(model: TemplateModel): Finding[] {
  return model.functions
    .filter((fn) => !fn.timeoutDeclared)
    .map((fn) => ({
      code: FindingCode.TIMEOUT_NOT_EXPLICIT,
      file: model.file,
      resource: fn.id,
      property: 'Properties.Timeout',
      message:
        'no explicit Timeout: Lambda would stop it after 3 s; state the time it may take (here or in Globals.Function)',
    }));
}
