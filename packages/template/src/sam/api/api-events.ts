import { TemplateError } from '../../template-error.js';
import { isTemplateObject } from '../../template-shape.js';
import type { TemplateDocument } from '../../types.js';
import { type ApiEvent, IMPLICIT_API_ID, readApiEvent } from './api-event.js';

/** An Api event with the Condition of the function that has it, which SAM carries to its permission. */
export interface FunctionApiEvent extends ApiEvent {
  readonly condition?: string;
}

/** Every `Type: Api` event of the template's functions, checked, in template order. */
export function collectApiEvents(doc: TemplateDocument, file: string): FunctionApiEvent[] {
  const events: FunctionApiEvent[] = [];
  for (const [functionId, resource] of Object.entries(doc.Resources)) {
    if (resource.Type !== 'AWS::Serverless::Function') continue;
    const declared = resource.Properties?.Events;
    if (!isTemplateObject(declared)) continue;
    for (const [eventName, event] of Object.entries(declared)) {
      if (!isTemplateObject(event) || event.Type !== 'Api') continue;
      const path = `Properties.Events.${eventName}.Properties`;
      const properties = isTemplateObject(event.Properties) ? event.Properties : {};
      const read = readApiEvent(functionId, eventName, properties, path, (code, detail, property) => {
        throw new TemplateError(detail, { code, file, resource: functionId, property });
      });
      events.push(resource.Condition === undefined ? read : { ...read, condition: resource.Condition });
    }
  }
  return events;
}

/**
 * Adds the `AWS::Serverless::Api` SAM creates implicitly (`ServerlessRestApi`, stage `Prod`) when
 * a function has an Api event without RestApiId. It is added before Globals are merged, so that
 * `Globals.Api` applies to it as it does with SAM.
 *
 * @throws TemplateError `TEMPLATE_SHAPE` when the template already has a resource of that name
 */
export function addImplicitRestApi(doc: TemplateDocument, file: string): void {
  const needed = Object.values(doc.Resources).some((resource) => {
    if (resource.Type !== 'AWS::Serverless::Function') return false;
    const declared = resource.Properties?.Events;
    if (!isTemplateObject(declared)) return false;
    return Object.values(declared).some(
      (event) =>
        isTemplateObject(event) &&
        event.Type === 'Api' &&
        !(isTemplateObject(event.Properties) && event.Properties.RestApiId !== undefined),
    );
  });
  if (!needed) return;
  if (doc.Resources[IMPLICIT_API_ID] !== undefined) {
    throw new TemplateError(
      `SAM generates the implicit API ${IMPLICIT_API_ID} for Api events without RestApiId, but the template already has a resource of that name`,
      { code: 'TEMPLATE_SHAPE', file, resource: IMPLICIT_API_ID },
    );
  }
  doc.Resources[IMPLICIT_API_ID] = { Type: 'AWS::Serverless::Api', Properties: {} };
}
