import { dirname } from 'node:path';
import { type Finding, FindingCode } from '../finding.js';
import { isMapping, referencedResource, staticString } from '../intrinsic.js';
import { postedEvents } from '../posted-events.js';
import type { FunctionModel, TemplateModel } from '../template-model.js';

/** The event bus's listener registration (`Custom::EventListener`, see docs/event-bus.md). */
const LISTENER_TYPE = 'Custom::EventListener';

/**
 * No event-bus listener posts the event it listens to. Each delivery would post the event again
 * and be delivered again: the invocation loop the seed's dashboard watched for, now caught
 * before deploy. The bus also stops deep causation chains at run time; this finds the obvious
 * loop first.
 */
export async function checkListenerLoop(model: TemplateModel, templateFile: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  const cache = new Map<string, Set<string>>();
  const posted = async (fn: FunctionModel): Promise<Set<string>> => {
    const known = cache.get(fn.id);
    if (known) return known;
    const found = await postedEvents(fn, dirname(templateFile));
    cache.set(fn.id, found);
    return found;
  };
  for (const [id, resource] of Object.entries(model.doc.Resources)) {
    if (resource.Type !== LISTENER_TYPE || !isMapping(resource.Properties)) continue;
    const event = staticString(resource.Properties.Event, model.doc, model.parameters);
    const target = referencedResource(resource.Properties.Arn);
    if (event === undefined || target === undefined) continue;
    for (const fn of listenerFunctions(model, target)) {
      if (!(await posted(fn)).has(event)) continue;
      findings.push({
        code: FindingCode.LISTENER_LOOP,
        file: model.file,
        resource: id,
        property: 'Properties.Event',
        message: `listens to ${event}, and its function ${fn.id} posts ${event}: every delivery would post it again, an endless invocation loop; post a different event or filter out your own`,
      });
    }
  }
  return findings;
}

/** The function a listener's Arn names, or the functions the listener's queue triggers. */
function listenerFunctions(model: TemplateModel, target: string): FunctionModel[] {
  const direct = model.functions.find((fn) => fn.id === target);
  if (direct) return [direct];
  return model.functions.filter((fn) =>
    fn.triggers.some((trigger) => trigger.kind === 'sqs' && trigger.queue === target),
  );
}
