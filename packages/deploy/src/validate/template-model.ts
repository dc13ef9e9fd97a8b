import type { TemplateDocument, TemplateObject, TemplateValue } from '@motorcade/template';
import { isMapping, referencedResource, staticNumber, staticString } from './intrinsic.js';

/** An event source or trigger of a function that a rule cares about. */
export interface FunctionTrigger {
  readonly kind: 'sqs' | 'api';
  /** For `sqs`: the logical id of the queue, when it is in this template. */
  readonly queue?: string;
  /** Where the trigger is declared: on the function or on another resource. */
  readonly resource: string;
  readonly property: string;
}

/** A function of a template, SAM or plain Lambda, with what the rules need to know about it. */
export interface FunctionModel {
  readonly id: string;
  readonly type: 'AWS::Serverless::Function' | 'AWS::Lambda::Function';
  /** The function's properties, SAM `Globals.Function` merged under them (top level only). */
  readonly properties: TemplateObject;
  /** Whether the template states a Timeout (on the function or in Globals). */
  readonly timeoutDeclared: boolean;
  /** The timeout in seconds (Lambda's default 3 s when not stated), when knowable before deploy. */
  readonly timeout: number | undefined;
  readonly runtime: string | undefined;
  readonly inVpc: boolean;
  readonly reservedConcurrency: number | undefined;
  readonly triggers: readonly FunctionTrigger[];
  readonly metadata: TemplateObject | undefined;
}

/** What the trap rules read: the parsed template, its file, and its functions. */
export interface TemplateModel {
  readonly file: string;
  readonly doc: TemplateDocument;
  readonly functions: readonly FunctionModel[];
  /** Parameter values the project config passes (they win over Defaults). */
  readonly parameters: Readonly<Record<string, string>>;
}

const LAMBDA_DEFAULT_TIMEOUT = 3;

/** Builds the {@link TemplateModel} of a parsed template. */
export function templateModel(
  doc: TemplateDocument,
  file: string,
  parameters: Readonly<Record<string, string>> = {},
): TemplateModel {
  const globals = isMapping(doc.Globals?.Function) ? doc.Globals.Function : {};
  const functions: FunctionModel[] = [];
  for (const [id, resource] of Object.entries(doc.Resources)) {
    if (resource.Type !== 'AWS::Serverless::Function' && resource.Type !== 'AWS::Lambda::Function') continue;
    const own = resource.Properties ?? {};
    const properties: TemplateObject =
      resource.Type === 'AWS::Serverless::Function' ? { ...globals, ...own } : { ...own };
    const declared = properties.Timeout !== undefined;
    functions.push({
      id,
      type: resource.Type,
      properties,
      timeoutDeclared: declared,
      timeout: declared ? staticNumber(properties.Timeout, doc, parameters) : LAMBDA_DEFAULT_TIMEOUT,
      runtime: staticString(properties.Runtime, doc, parameters),
      inVpc: isMapping(properties.VpcConfig),
      reservedConcurrency: staticNumber(properties.ReservedConcurrentExecutions, doc, parameters),
      triggers: triggersOf(id, properties, doc),
      metadata: resource.Metadata,
    });
  }
  return { file, doc, functions, parameters };
}

function triggersOf(id: string, properties: TemplateObject, doc: TemplateDocument): FunctionTrigger[] {
  const triggers: FunctionTrigger[] = [];
  const events = isMapping(properties.Events) ? properties.Events : {};
  for (const [name, event] of Object.entries(events)) {
    if (!isMapping(event)) continue;
    const props = isMapping(event.Properties) ? event.Properties : {};
    const property = `Properties.Events.${name}`;
    if (event.Type === 'SQS') {
      triggers.push({ kind: 'sqs', queue: queueId(props.Queue, doc), resource: id, property });
    }
    if (event.Type === 'Api' || event.Type === 'HttpApi')
      triggers.push({ kind: 'api', resource: id, property });
  }
  // Plain CloudFormation wires the same triggers through separate resources that point at the function.
  for (const [otherId, other] of Object.entries(doc.Resources)) {
    const props = other.Properties ?? {};
    if (referencedResource(props.FunctionName) !== id) continue;
    if (other.Type === 'AWS::Lambda::EventSourceMapping') {
      const queue = queueId(props.EventSourceArn, doc);
      if (queue !== undefined) {
        triggers.push({ kind: 'sqs', queue, resource: otherId, property: 'Properties.EventSourceArn' });
      }
    }
    if (other.Type === 'AWS::Lambda::Permission' && props.Principal === 'apigateway.amazonaws.com') {
      triggers.push({ kind: 'api', resource: otherId, property: 'Properties.Principal' });
    }
  }
  return triggers;
}

function queueId(value: TemplateValue | undefined, doc: TemplateDocument): string | undefined {
  const id = referencedResource(value);
  return id !== undefined && doc.Resources[id]?.Type === 'AWS::SQS::Queue' ? id : undefined;
}
