import { isTemplateObject } from '../template-shape.js';
import type { TemplateObject, TemplateValue } from '../types.js';
import type { FunctionBuild } from './function-build.js';
import { mappingProperty, rejectUnknownProperties } from './property-checks.js';

const SUPPORTED = new Set(['MaximumEventAgeInSeconds', 'MaximumRetryAttempts', 'DestinationConfig']);
const DESTINATION_KEYS = new Set(['OnSuccess', 'OnFailure']);

/** The permission the function's role needs to deliver to each destination type SAM knows. */
const DESTINATION_ACTIONS: Readonly<Record<string, string>> = {
  SQS: 'sqs:SendMessage',
  SNS: 'sns:publish',
  Lambda: 'lambda:InvokeFunction',
  EventBridge: 'events:PutEvents',
  S3Bucket: 's3:PutObject',
};

/**
 * `EventInvokeConfig` → an `AWS::Lambda::EventInvokeConfig` named `<FunctionId>EventInvokeConfig` on
 * `$LATEST`. SAM's `DestinationConfig.OnSuccess/OnFailure: { Type, Destination }` becomes
 * CloudFormation's `{ Destination }`; an SQS or SNS destination without one gets the queue or topic SAM
 * creates (`<FunctionId>EventInvokeConfigOnSuccessQueue`, `...Topic`), and the role the permission to
 * deliver to it.
 */
export function translateEventInvokeConfig(value: TemplateValue, build: FunctionBuild): void {
  const path = 'Properties.EventInvokeConfig';
  const sam = mappingProperty(value, build, path);
  rejectUnknownProperties(sam, SUPPORTED, build, path, 'EventInvokeConfig');
  const configId = `${build.functionId}EventInvokeConfig`;
  const properties: TemplateObject = { FunctionName: build.functionRef, Qualifier: '$LATEST' };
  if (sam.MaximumEventAgeInSeconds !== undefined)
    properties.MaximumEventAgeInSeconds = sam.MaximumEventAgeInSeconds;
  if (sam.MaximumRetryAttempts !== undefined) properties.MaximumRetryAttempts = sam.MaximumRetryAttempts;
  if (sam.DestinationConfig !== undefined) {
    const destinationPath = `${path}.DestinationConfig`;
    const destinations = mappingProperty(sam.DestinationConfig, build, destinationPath);
    rejectUnknownProperties(destinations, DESTINATION_KEYS, build, destinationPath, 'DestinationConfig');
    const config: TemplateObject = {};
    for (const [when, destination] of Object.entries(destinations)) {
      config[when] = {
        Destination: destinationArn(configId, when, destination, build, `${destinationPath}.${when}`),
      };
    }
    properties.DestinationConfig = config;
  }
  build.addResource(configId, 'AWS::Lambda::EventInvokeConfig', properties);
}

function destinationArn(
  configId: string,
  when: string,
  value: TemplateValue,
  build: FunctionBuild,
  path: string,
): TemplateValue {
  const destination = mappingProperty(value, build, path);
  rejectUnknownProperties(destination, new Set(['Type', 'Destination']), build, path, 'destination');
  const type = destination.Type;
  const action = typeof type === 'string' ? DESTINATION_ACTIONS[type] : undefined;
  if (action === undefined || typeof type !== 'string') {
    return build.fail(
      'INVALID_PROPERTY',
      `Type must be one of ${Object.keys(DESTINATION_ACTIONS).join(', ')}`,
      `${path}.Type`,
    );
  }
  let arn = destination.Destination;
  if (arn === undefined && type === 'SQS') {
    build.addResource(`${configId}${when}Queue`, 'AWS::SQS::Queue', {});
    arn = { 'Fn::GetAtt': [`${configId}${when}Queue`, 'Arn'] };
  } else if (arn === undefined && type === 'SNS') {
    build.addResource(`${configId}${when}Topic`, 'AWS::SNS::Topic', {});
    arn = { Ref: `${configId}${when}Topic` };
  } else if (arn === undefined || (isTemplateObject(arn) && Object.keys(arn).length === 0)) {
    return build.fail(
      'INVALID_PROPERTY',
      `a ${type} destination needs a Destination ARN`,
      `${path}.Destination`,
    );
  }
  build.addStatementPolicy(`${configId}${when}${type}Policy`, action, arn);
  return arn;
}
