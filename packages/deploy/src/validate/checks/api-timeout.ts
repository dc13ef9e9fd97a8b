import { type Finding, FindingCode } from '../finding.js';
import type { TemplateModel } from '../template-model.js';

/** API Gateway's integration timeout for REST APIs: the caller gets a 504 after it. */
const API_GATEWAY_TIMEOUT_SECONDS = 29;

/**
 * A function behind API Gateway does not run longer than the gateway waits: past 29 s the client
 * has already had a 504 while the function keeps running (and billing) for nobody.
 */
export function checkApiTimeout(model: TemplateModel): Finding[] {
  const findings: Finding[] = [];
  for (const fn of model.functions) {
    if (fn.timeout === undefined || fn.timeout <= API_GATEWAY_TIMEOUT_SECONDS) continue;
    const trigger = fn.triggers.find((candidate) => candidate.kind === 'api');
    if (trigger === undefined) continue;
    findings.push({
      code: FindingCode.API_TIMEOUT_TOO_LONG,
      file: model.file,
      resource: fn.id,
      property: 'Properties.Timeout',
      message: `Timeout is ${fn.timeout} s but API Gateway answers 504 after ${API_GATEWAY_TIMEOUT_SECONDS} s (trigger ${trigger.resource} ${trigger.property}): keep it at ${API_GATEWAY_TIMEOUT_SECONDS} s or less, or move the slow work behind a queue`,
    });
  }
  return findings;
}
