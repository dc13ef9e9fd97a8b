import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  applySamTransform,
  evaluateConditions,
  type IntrinsicContext,
  loadTemplate,
  orderResources,
  resolveParameters,
  resolveValue,
  type StaticContext,
  stackExports,
  stackImports,
  type TemplateValue,
} from '../src/index.js';

const FILE = fileURLToPath(new URL('./fixtures/items-service.yaml', import.meta.url));
const PSEUDO = {
  stackName: 'local-items',
  stackId: 'arn:aws:cloudformation:eu-west-1:000000000000:stack/local-items/1',
  region: 'eu-west-1',
  accountId: '000000000000',
  partition: 'aws',
  urlSuffix: 'amazonaws.com',
};

/** What the local cloud does with a service template before creating anything. */
async function prepareStack(given: Record<string, string>) {
  const doc = applySamTransform(await loadTemplate(FILE), FILE);
  const parameters = resolveParameters(doc, FILE, given);
  const base = { pseudo: PSEUDO, parameters: parameters.values, mappings: doc.Mappings ?? {} };
  const conditions = evaluateConditions(doc, base, FILE);
  const ctx: StaticContext = { ...base, conditions };
  return { doc, parameters, ctx };
}

describe('the items service template', () => {
  it('declares its imports, exports and a creation order the local cloud can follow', async () => {
    // Act
    const { doc, ctx } = await prepareStack({
      EventBusStackName: 'local-event-bus',
      DatabaseUrl: 'postgres://x',
    });

    // Assess
    expect(stackImports(doc, ctx, FILE)).toEqual([
      'local-event-bus-SendEventArn',
      'local-event-bus-UpdateListenerArn',
    ]);
    expect(stackExports(doc, ctx, FILE)).toEqual([
      { name: 'local-items-CreateItemArn', outputKey: 'CreateItemArn' },
    ]);
    const order = orderResources(doc, FILE);
    expect(order.indexOf('ItemsQueue')).toBeLessThan(order.indexOf('CreateItemRole'));
    expect(order.indexOf('CreateItemRole')).toBeLessThan(order.indexOf('CreateItem'));
    expect(order.indexOf('CreateItem')).toBeLessThan(order.indexOf('CreateItemQueue'));
    expect(order.indexOf('GeneralExecutionRole')).toBeLessThan(order.indexOf('AllocationEvent'));
    expect(order.indexOf('AllocationEvent')).toBeLessThan(order.indexOf('AllocationAcceptedListener'));
    expect(doc.Resources.AllocationAcceptedListener?.Type).toBe('Custom::EventListener');
  });

  it('resolves the function configuration a handler will see', async () => {
    // Prepare
    const { doc, ctx, parameters } = await prepareStack({
      EventBusStackName: 'local-event-bus',
      DatabaseUrl: 'postgres://secret',
      Stage: 'staging',
    });
    const full: IntrinsicContext = {
      ...ctx,
      ref: (id) => (id === 'ItemsQueue' ? 'http://localhost:4566/000000000000/local-items-items' : undefined),
      getAtt: (id, attribute) => `arn:aws:local:${id}:${attribute}`,
      importValue: (name) => `arn:aws:lambda:eu-west-1:000000000000:function:${name}`,
    };

    // Act
    const properties = resolveValue(doc.Resources.CreateItem?.Properties as TemplateValue, full, {
      file: FILE,
      resource: 'CreateItem',
      property: 'Properties',
    });

    // Assess
    expect(properties).toMatchObject({
      Code: './',
      Handler: 'create-item.handler',
      Runtime: 'nodejs20.x',
      Timeout: 10,
      MemorySize: 512,
      VpcConfig: { SubnetIds: ['subnet-a', 'subnet-b'], SecurityGroupIds: ['sg-1'] },
      Environment: {
        Variables: {
          STAGE: 'staging',
          DATABASE_URL: 'postgres://secret',
          SEND_EVENT_ARN: 'arn:aws:lambda:eu-west-1:000000000000:function:local-event-bus-SendEventArn',
          QUEUE_URL: 'http://localhost:4566/000000000000/local-items-items',
        },
      },
    });
    expect(parameters.noEcho.has('DatabaseUrl')).toBe(true);
    expect(doc.Resources.CreateItem?.Metadata).toEqual({
      BuildMethod: 'esbuild',
      BuildProperties: { EntryPoints: ['src/handlers/create-item.ts'], Target: 'es2022' },
    });
  });

  it('exports the production-only output when deployed to production', async () => {
    // Act
    const { doc, ctx } = await prepareStack({
      EventBusStackName: 'production-event-bus',
      DatabaseUrl: 'x',
      Stage: 'production',
      LambdaSubnetIds: '',
    });

    // Assess
    expect(ctx.conditions).toEqual({ IsProduction: true, InVpc: false });
    expect(stackExports(doc, ctx, FILE).map((entry) => entry.name)).toEqual([
      'local-items-CreateItemArn',
      'local-items-ProductionQueue',
    ]);
  });

  it('refuses to start without the event bus stack name', async () => {
    // Act
    const attempt = prepareStack({ DatabaseUrl: 'x' });

    // Assess
    await expect(attempt).rejects.toThrow(
      /items-service\.yaml: property Parameters\.EventBusStackName: Parameters: \[EventBusStackName\] must have values/,
    );
  });
});
