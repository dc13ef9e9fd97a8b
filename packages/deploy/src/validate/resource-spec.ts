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
  definition(type: Extract<PropertyType, { type: 'ref' }>): { name: string; properties: PropertySchema } {
    const found = this.#db.get('typeDefinition', type.reference);
    return { name: found.name, properties: found.properties };
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
