import { describe, expect, it } from 'vitest';
import { transform } from './helpers/sam.js';

const CANARY = [
  'Globals:',
  '  Function:',
  '    AutoPublishAlias: live',
  '    DeploymentPreference:',
  '      Type: Canary10Percent5Minutes',
  '      Alarms: [!Ref ErrorsAlarm]',
  'Resources:',
  '  ErrorsAlarm: {Type: AWS::CloudWatch::Alarm, Properties: {}}',
  '  Hello:',
  '    Type: AWS::Serverless::Function',
  '    Properties: {CodeUri: src/, Handler: index.handler, Runtime: nodejs22.x}',
  '',
].join('\n');

describe('applySamTransform canary deployments', () => {
  it('turns AutoPublishAlias into the alias SAM generates, on the latest code, and drops DeploymentPreference', () => {
    // Act
    const result = transform(CANARY);

    // Assess
    const properties = result.Resources.Hello?.Properties ?? {};
    expect(result.Resources.Hello?.Type).toBe('AWS::Lambda::Function');
    expect(properties).not.toHaveProperty('AutoPublishAlias');
    expect(properties).not.toHaveProperty('DeploymentPreference');
    expect(result.Resources.HelloAliaslive).toEqual({
      Type: 'AWS::Lambda::Alias',
      Properties: { FunctionName: { Ref: 'Hello' }, FunctionVersion: '$LATEST', Name: 'live' },
    });
    expect(Object.keys(result.Resources).sort()).toEqual([
      'ErrorsAlarm',
      'Hello',
      'HelloAliaslive',
      'HelloRole',
    ]);
  });

  it('accepts them on the function itself, not only in Globals, and carries the function Condition to the alias', () => {
    // Act
    const result = transform(
      'Conditions:\n  Wanted: !Equals [a, a]\nResources:\n  Hello:\n    Type: AWS::Serverless::Function\n    Condition: Wanted\n    Properties: {CodeUri: src/, Handler: index.handler, Runtime: nodejs22.x, AutoPublishAlias: prod-1, DeploymentPreference: {Type: AllAtOnce}}\n',
    );

    // Assess
    expect(result.Resources.Hello?.Properties).not.toHaveProperty('DeploymentPreference');
    expect(result.Resources.HelloAliasprod1).toMatchObject({
      Condition: 'Wanted',
      Properties: { Name: 'prod-1', FunctionVersion: '$LATEST' },
    });
  });

  it('generates no alias for a function without AutoPublishAlias', () => {
    // Act
    const result = transform(
      'Resources:\n  Hello:\n    Type: AWS::Serverless::Function\n    Properties: {CodeUri: src/, Handler: index.handler, Runtime: nodejs22.x}\n',
    );

    // Assess
    expect(Object.keys(result.Resources).sort()).toEqual(['Hello', 'HelloRole']);
  });
});
