import type { ResourceDefinition, TemplateDocument } from '../types.js';
import { addImplicitRestApi } from './api/api-events.js';
import { transformApis } from './api/api-transform.js';
import { transformFunction } from './function.js';
import { applyGlobals } from './globals.js';

/** The transform a SAM template declares. */
export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** Whether a template declares the SAM transform (alone or among others). */
export function usesSamTransform(doc: TemplateDocument): boolean {
  const { Transform: transform } = doc;
  return transform === SAM_TRANSFORM || (Array.isArray(transform) && transform.includes(SAM_TRANSFORM));
}

/**
 * Applies the SAM transform: merges `Globals`, turns every `AWS::Serverless::Function` into
 * `AWS::Lambda::Function` plus what SAM generates with it (role, event sources, invoke config), and
 * removes `Globals` and the SAM entry of `Transform`. `AWS::Serverless::Api` (and the implicit API of
 * Api events) becomes the REST API resources SAM generates. Other `AWS::Serverless::*` types are left in
 * place (with their Globals merged) for the caller to report. A template without the transform is
 * returned unchanged; the input is never modified.
 *
 * @throws TemplateError `UNSUPPORTED_PROPERTY`, `UNSUPPORTED_EVENT_SOURCE`, `INVALID_PROPERTY` or
 * `TEMPLATE_SHAPE`, naming the resource and property
 */
export function applySamTransform(doc: TemplateDocument, file: string): TemplateDocument {
  if (!usesSamTransform(doc)) return doc;
  const result = structuredClone(doc);
  addImplicitRestApi(result, file);
  applyGlobals(result, file);
  const remaining = Array.isArray(result.Transform)
    ? result.Transform.filter((name) => name !== SAM_TRANSFORM)
    : [];
  if (remaining.length === 0) delete result.Transform;
  else result.Transform = remaining;

  const apis = transformApis(result, file);
  const taken = new Set([...Object.keys(result.Resources), ...apis.keys()]);
  const resources: Record<string, ResourceDefinition> = {};
  for (const [id, resource] of Object.entries(result.Resources)) {
    if (resource.Type === 'AWS::Serverless::Api') continue;
    if (resource.Type !== 'AWS::Serverless::Function') {
      resources[id] = resource;
      continue;
    }
    for (const [generatedId, generated] of transformFunction(id, resource, file, taken)) {
      resources[generatedId] = generated;
      taken.add(generatedId);
    }
  }
  for (const [id, resource] of apis) resources[id] = resource;
  result.Resources = resources;
  return result;
}
