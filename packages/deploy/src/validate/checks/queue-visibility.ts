import { type Finding, FindingCode } from '../finding.js';
import { staticNumber } from '../intrinsic.js';
import type { TemplateModel } from '../template-model.js';

/** SQS's VisibilityTimeout when the queue does not state one. */
const SQS_DEFAULT_VISIBILITY_TIMEOUT = 30;
/** AWS's guidance: at least six times the function timeout, to leave room for the poller's retries. */
const VISIBILITY_FACTOR = 6;

/**
 * A queue that triggers a function hides each received message for at least six times the
 * function's timeout. Shorter, and a message still being processed becomes visible again and is
 * handled twice (AWS refuses a visibility timeout under the function timeout outright).
 */
export function checkQueueVisibility(model: TemplateModel): Finding[] {
  const findings: Finding[] = [];
  for (const fn of model.functions) {
    if (fn.timeout === undefined) continue;
    for (const trigger of fn.triggers) {
      if (trigger.kind !== 'sqs' || trigger.queue === undefined) continue;
      const queue = model.doc.Resources[trigger.queue];
      const stated = queue?.Properties?.VisibilityTimeout;
      const visibility =
        stated === undefined
          ? SQS_DEFAULT_VISIBILITY_TIMEOUT
          : staticNumber(stated, model.doc, model.parameters);
      const needed = VISIBILITY_FACTOR * fn.timeout;
      if (visibility === undefined || visibility >= needed) continue;
      findings.push({
        code: FindingCode.QUEUE_VISIBILITY_TOO_SHORT,
        file: model.file,
        resource: trigger.queue,
        property: 'Properties.VisibilityTimeout',
        message: `VisibilityTimeout is ${visibility} s${stated === undefined ? ' (the default)' : ''}, under six times the ${fn.timeout} s Timeout of ${fn.id} that it triggers: set it to at least ${needed} s, or messages still being processed reappear and are handled twice`,
      });
    }
  }
  return findings;
}
