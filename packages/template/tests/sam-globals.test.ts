// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings contain ${} on purpose.
import { describe, expect, it } from 'vitest';
import { FILE } from './helpers/context.js';
import { transform, transformError } from './helpers/sam.js';

describe('applySamTransform Globals', () => {
  it('merges Globals as SAM does: scalars overridden, maps merged, lists concatenated', () => {
    // Act
    const result = transform(`
Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 10
    Layers: [global-layer]
    Environment: {Variables: {STAGE: local, TABLE: global}}
    Tags: {team: fleet}
    VpcConfig: !If [InVpc, {SubnetIds: [a]}, !Ref AWS::NoValue]
Resources:
  F:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: .
      Handler: h
      Timeout: 20
      Layers: [own-layer]
      Environment: {Variables: {TABLE: own, EXTRA: x}}
      VpcConfig: {SubnetIds: [b]}
`);

    // Assess
    expect(result.Globals).toBeUndefined();
    expect(result.Resources.F?.Properties).toMatchObject({
      Runtime: 'nodejs20.x',
      Timeout: 20,
      Layers: ['global-layer', 'own-layer'],
      Environment: { Variables: { STAGE: 'local', TABLE: 'own', EXTRA: 'x' } },
      VpcConfig: { SubnetIds: ['b'] },
      Tags: [
        { Key: 'lambda:createdBy', Value: 'SAM' },
        { Key: 'team', Value: 'fleet' },
      ],
    });
  });

  it('applies HttpApi and SimpleTable globals to the resources kept for later', () => {
    // Act
    const result = transform(`
Globals:
  HttpApi: {StageName: v1}
  SimpleTable: {SSESpecification: {SSEEnabled: true}}
Resources:
  Http: {Type: AWS::Serverless::HttpApi}
  Table: {Type: AWS::Serverless::SimpleTable}
`);

    // Assess
    expect(result.Resources.Http?.Properties).toEqual({ StageName: 'v1' });
    expect(result.Resources.Table?.Properties).toEqual({ SSESpecification: { SSEEnabled: true } });
  });

  it.each([
    [
      'an unknown section',
      'Globals:\n  Queue: {A: 1}\n',
      'TEMPLATE_SHAPE',
      'Globals.Queue',
      "'Globals' section is invalid: 'Queue' is not supported",
    ],
    [
      'a property SAM refuses in Globals',
      'Globals:\n  Function: {Role: x}\n',
      'TEMPLATE_SHAPE',
      'Globals.Function.Role',
      "'Globals' section is invalid: 'Role' is not a supported property of 'Function'",
    ],
    [
      'a property not implemented yet',
      'Globals:\n  Function: {SnapStart: {ApplyOn: PublishedVersions}}\n',
      'UNSUPPORTED_PROPERTY',
      'Globals.Function.SnapStart',
      'AWS::Serverless::Function property SnapStart is not supported',
    ],
  ])('rejects %s, naming it', (_name, globals, code, property, detail) => {
    // Act
    const error = transformError(
      `${globals}Resources:\n  F: {Type: AWS::Serverless::Function, Properties: {CodeUri: ., Handler: h, Runtime: r}}\n`,
    );

    // Assess
    expect(error.code).toBe(code);
    expect(error.message).toBe(`${FILE}: property ${property}: ${detail}`);
  });
});
