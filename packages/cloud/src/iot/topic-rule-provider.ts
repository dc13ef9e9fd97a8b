import type { EnvironmentContext } from '../cloud-service.js';
import { generatePhysicalName } from '../stacks/physical-name.js';
import { registeredResource } from '../stacks/providers/registered-resource.js';
import type { ResourceProvider, ResourceRequest } from '../stacks/resource-provider.js';
import { IotError, IotErrorCode, SqlSyntaxError } from './iot-errors.js';
import { parseSql } from './sql/sql-parser.js';
import type { RuleAction, TopicRuleDefinition, TopicRuleRegistry } from './topic-rule.js';

type Fail = (property: string, message: string, code?: IotErrorCode) => never;

const PAYLOAD_KEYS = ['Sql', 'AwsIotSqlVersion', 'RuleDisabled', 'Actions', 'ErrorAction', 'Description'];
const SQL_VERSIONS = ['2015-10-08', '2016-03-23', 'beta'];

/**
 * `AWS::IoT::TopicRule`: a rule of the local rules engine, with Lambda and SQS actions (others are
 * refused, naming the action). `Ref` is the rule name, `Fn::GetAtt Rule.Arn` its ARN.
 */
export function topicRuleProvider(
  registry: TopicRuleRegistry,
  context: EnvironmentContext,
): ResourceProvider {
  return registeredResource({
    properties: ['RuleName', 'TopicRulePayload', 'Tags'],
    requiredProperties: ['TopicRulePayload'],
    nameProperty: 'RuleName',
    // Rule names allow only letters, digits and underscores, so the generated name cannot use '-'.
    generateName: (request) =>
      generatePhysicalName(request.stack.stackName, request.logicalId, 128).replace(/[^A-Za-z0-9_]/g, '_'),
    register: (request, name) => {
      const rule = ruleDefinition(request, name, context);
      registry.registerRule(rule);
      return { physicalId: name, attributes: { Arn: rule.arn } };
    },
    unregister: (request) =>
      registry.unregisterRule(request.stack.stackName, request.logicalId, request.physicalId),
  });
}

function ruleDefinition(
  request: ResourceRequest,
  name: string,
  context: EnvironmentContext,
): TopicRuleDefinition {
  const fail: Fail = (property, message, code = IotErrorCode.PROPERTY_INVALID) => {
    throw new IotError(
      code,
      `${request.stack.templateFile}: resource ${request.logicalId}, property ${property}: ${message}`,
    );
  };
  if (!/^[a-zA-Z0-9_]+$/.test(name)) {
    fail('RuleName', `'${name}' is not a valid rule name (letters, digits and underscores only)`);
  }
  const payload = mapping(request.properties.TopicRulePayload, 'TopicRulePayload', fail);
  for (const key of Object.keys(payload)) {
    if (!PAYLOAD_KEYS.includes(key)) fail(`TopicRulePayload.${key}`, `unknown property ${key}`);
  }
  const version = payload.AwsIotSqlVersion ?? '2015-10-08';
  if (typeof version !== 'string' || !SQL_VERSIONS.includes(version)) {
    fail('TopicRulePayload.AwsIotSqlVersion', `must be one of ${SQL_VERSIONS.join(', ')}`);
  }
  if (typeof payload.Sql !== 'string')
    return fail('TopicRulePayload.Sql', 'a topic rule needs a Sql statement');
  let statement: ReturnType<typeof parseSql>;
  try {
    statement = parseSql(payload.Sql);
  } catch (error) {
    if (!(error instanceof SqlSyntaxError)) throw error;
    return fail(
      'TopicRulePayload.Sql',
      `${error.message} in ${JSON.stringify(payload.Sql)}`,
      IotErrorCode.SQL_INVALID,
    );
  }
  const disabled = payload.RuleDisabled === true || payload.RuleDisabled === 'true';
  if (!Array.isArray(payload.Actions)) return fail('TopicRulePayload.Actions', 'must be a list of actions');
  const actions = payload.Actions.map((action, index) =>
    ruleAction(action, `TopicRulePayload.Actions[${index}]`, context, fail),
  );
  const errorAction =
    payload.ErrorAction === undefined
      ? undefined
      : ruleAction(payload.ErrorAction, 'TopicRulePayload.ErrorAction', context, fail);
  return {
    stackName: request.stack.stackName,
    logicalId: request.logicalId,
    name,
    arn: `arn:aws:iot:${context.region}:${context.accountId}:rule/${name}`,
    statement,
    disabled,
    actions,
    ...(errorAction ? { errorAction } : {}),
  };
}

function ruleAction(value: unknown, path: string, context: EnvironmentContext, fail: Fail): RuleAction {
  const action = mapping(value, path, fail);
  const kinds = Object.keys(action);
  if (kinds.length !== 1) return fail(path, 'an action names exactly one action type (e.g. Lambda, Sqs)');
  const kind = kinds[0] as string;
  const settings = mapping(action[kind], `${path}.${kind}`, fail);
  if (kind === 'Lambda') {
    const functionArn = settings.FunctionArn;
    if (typeof functionArn !== 'string' || !functionArn.startsWith('arn:')) {
      return fail(`${path}.Lambda.FunctionArn`, 'the Lambda action needs the function ARN');
    }
    return { kind: 'lambda', functionArn };
  }
  if (kind === 'Sqs') {
    const queueUrl = settings.QueueUrl;
    if (typeof queueUrl !== 'string') return fail(`${path}.Sqs.QueueUrl`, 'the Sqs action needs a QueueUrl');
    if (typeof settings.RoleArn !== 'string')
      return fail(`${path}.Sqs.RoleArn`, 'the Sqs action needs a RoleArn');
    const useBase64 = settings.UseBase64 === true || settings.UseBase64 === 'true';
    return {
      kind: 'sqs',
      queueUrl,
      queueArn: queueArnOf(queueUrl, context, `${path}.Sqs.QueueUrl`, fail),
      useBase64,
    };
  }
  return fail(
    `${path}.${kind}`,
    `the ${kind} action is not emulated by the local cloud yet (Lambda and Sqs are)`,
    IotErrorCode.NOT_EMULATED,
  );
}

/** `<endpoint>/<account>/<name>` → `arn:aws:sqs:<region>:<account>:<name>`, as SQS names its queues. */
function queueArnOf(queueUrl: string, context: EnvironmentContext, property: string, fail: Fail): string {
  let path: string[];
  try {
    path = new URL(queueUrl).pathname.split('/').filter(Boolean);
  } catch {
    return fail(property, `'${queueUrl}' is not a queue URL`);
  }
  const [account, name] = path.slice(-2);
  if (path.length < 2 || !account || !/^\d{12}$/.test(account) || !name) {
    return fail(property, `'${queueUrl}' is not a queue URL of the form <endpoint>/<account>/<queue name>`);
  }
  return `arn:aws:sqs:${context.region}:${account}:${name}`;
}

function mapping(value: unknown, property: string, fail: Fail): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return value as Record<string, unknown>;
  return fail(property, 'must be a mapping');
}
