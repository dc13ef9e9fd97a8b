import type { IntrinsicContext, TemplateDocument } from '../../src/index.js';
import { parseTemplate } from '../../src/index.js';

/** The file name every inline test template pretends to come from. */
export const FILE = 'services/items/template.yaml';

/** Parses an inline YAML template as if read from {@link FILE}. */
export function parse(yaml: string): TemplateDocument {
  return parseTemplate(yaml, FILE);
}

/**
 * A stack context where resources resolve predictably: Ref → `<Id>-physical`, GetAtt →
 * `arn:<Id>.<Attribute>`, imports from a fixed table; unknown ones are `undefined`.
 */
export function testContext(overrides: Partial<IntrinsicContext> = {}): IntrinsicContext {
  const resources = new Set(['Queue', 'Fn', 'Table']);
  const exports: Record<string, string> = {
    'local-event-bus-SendEventArn': 'arn:aws:lambda:eu-west-1:000000000000:function:send',
  };
  return {
    pseudo: {
      stackName: 'local-items',
      stackId: 'arn:aws:cloudformation:eu-west-1:000000000000:stack/local-items/1',
      region: 'eu-west-1',
      accountId: '000000000000',
      partition: 'aws',
      urlSuffix: 'amazonaws.com',
    },
    parameters: { Stage: 'local', Subnets: ['subnet-a', 'subnet-b'], Count: '3', Attribute: 'Arn' },
    conditions: { IsLocal: true, IsProduction: false },
    mappings: { Sizes: { local: { Memory: 256, Zones: ['a', 'b'] }, production: { Memory: 1024 } } },
    ref: (id) => (resources.has(id) ? `${id}-physical` : undefined),
    getAtt: (id, attribute) => (resources.has(id) ? `arn:${id}.${attribute}` : undefined),
    importValue: (name) => exports[name],
    ...overrides,
  };
}
