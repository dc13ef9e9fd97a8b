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
  it('accepts AutoPublishAlias and DeploymentPreference and runs the function as it is', () => {
    // Act
    const result = transform(CANARY);

    // Assess
    const properties = result.Resources.Hello?.Properties ?? {};
    expect(result.Resources.Hello?.Type).toBe('AWS::Lambda::Function');
    expect(properties).not.toHaveProperty('AutoPublishAlias');
    expect(properties).not.toHaveProperty('DeploymentPreference');
    expect(Object.keys(result.Resources).sort()).toEqual(['ErrorsAlarm', 'Hello', 'HelloRole']);
  });

  it('accepts them on the function itself, not only in Globals', () => {
    // Act
    const result = transform(
      'Resources:\n  Hello:\n    Type: AWS::Serverless::Function\n    Properties: {CodeUri: src/, Handler: index.handler, Runtime: nodejs22.x, AutoPublishAlias: live, DeploymentPreference: {Type: AllAtOnce}}\n',
    );

    // Assess
    expect(result.Resources.Hello?.Properties).not.toHaveProperty('DeploymentPreference');
  });
});
