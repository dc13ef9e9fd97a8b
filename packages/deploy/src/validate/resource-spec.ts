import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';
import type { Property, PropertyType, SpecDatabase } from '@aws-cdk/service-spec-types';

export type { Property, PropertyType };

/** The properties of a resource type or of a property type, by name. */
export type PropertySchema = Readonly<Record<string, Property>>;

/**
 * SAM resources whose properties SAM passes through to the CloudFormation resource it generates.
 * The SAM part of the specification lags behind (no `LoggingConfig` on functions, for one), so a
 * property it lacks is looked up on the generated resource before being called unknown.
 */
const SAM_PASS_THROUGH: Readonly<Record<string, string>> = {
  'AWS::Serverless::Function': 'AWS::Lambda::Function',
  'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi',
  'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
  'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::LayerVersion': 'AWS::Lambda::LayerVersion',
};

/**
 * SAM event property types whose properties SAM passes to the event source mapping it generates;
 * the SAM part of the specification lacks the newer ones (`FunctionResponseTypes`,
 * `MaximumBatchingWindowInSeconds`, `ScalingConfig` on `SQS` events, for one).
 */
const SAM_TYPE_PASS_THROUGH: Readonly<Record<string, string>> = {
  SQSEvent: 'AWS::Lambda::EventSourceMapping',
  KinesisEvent: 'AWS::Lambda::EventSourceMapping',
  DynamoDBEvent: 'AWS::Lambda::EventSourceMapping',
};

/** SAM property types the specification marks required that SAM documents as optional. */
const SAM_OPTIONAL: Readonly<Record<string, ReadonlySet<string>>> = {
  // SAM's EventInvokeConfig.DestinationConfig: OnSuccess and OnFailure are each optional.
  EventInvokeDestinationConfig: new Set(['OnSuccess', 'OnFailure']),
};

/**
 * The official CloudFormation resource specification (`@aws-cdk/aws-service-spec`, which also
 * carries the SAM resource types), with the few lookups validation needs.
 */
export class ResourceSpec {
  readonly #db: SpecDatabase;

  constructor(db: SpecDatabase) {
    this.#db = db;
  }

  /** The properties of a resource type, or `undefined` when the specification does not know it. */
  resourceProperties(type: string): PropertySchema | undefined {
    return this.#db.lookup('resource', 'cloudFormationType', 'equals', type)[0]?.properties;
  }

  /** For a SAM type, the properties of the resource it becomes; otherwise `undefined`. */
  passThroughProperties(type: string): PropertySchema | undefined {
    const target = SAM_PASS_THROUGH[type];
    return target === undefined ? undefined : this.resourceProperties(target);
  }

  /** The name and properties of a property type a `ref` points at. */
  definition(type: Extract<PropertyType, { type: 'ref' }>): {
    name: string;
    properties: PropertySchema;
    /** What decides required properties: the type's own schema, never a pass-through's. */
    required: PropertySchema;
  } {
    const found = this.#db.get('typeDefinition', type.reference);
    const optional = SAM_OPTIONAL[found.name];
    const own: PropertySchema =
      optional === undefined
        ? found.properties
        : Object.fromEntries(
            Object.entries(found.properties).map(([key, property]) => [
              key,
              optional.has(key) ? { ...property, required: false } : property,
            ]),
          );
    const target = SAM_TYPE_PASS_THROUGH[found.name];
    const extra = target === undefined ? undefined : this.resourceProperties(target);
    return { name: found.name, properties: extra === undefined ? own : { ...extra, ...own }, required: own };
  }

  /** Resource types the specification knows, for "did you mean" suggestions. */
  resourceTypes(): string[] {
    return this.#db.all('resource').map((resource) => resource.cloudFormationType);
  }
}

let loading: Promise<ResourceSpec> | undefined;

/**
 * The specification, loaded once per process: it is a 30 MB JSON database that takes about half
 * a second to read, and it never changes while the process runs.
 */
export function loadResourceSpec(): Promise<ResourceSpec> {
  loading ??= loadAwsServiceSpec().then((db) => new ResourceSpec(db));
  return loading;
}
