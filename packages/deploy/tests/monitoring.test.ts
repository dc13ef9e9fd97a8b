import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { loadProjectConfig, type ProjectConfig } from '@motorcade/cloud';
import type { TemplateDocument } from '@motorcade/template';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type DeployOptions,
  deployProject,
  formatFinding,
  monitoringStackTemplate,
  planProject,
  validateDocument,
  validateMonitoring,
} from '../src/index.js';
import { FakeAws } from './helpers/fake-aws.js';

const PROJECT = fileURLToPath(new URL('./fixtures/project/', import.meta.url));
const STAGING = '111111111111';
const PRODUCTION = '222222222222';
const ENVIRONMENTS = {
  staging: { account: STAGING, region: 'eu-west-1', concurrency: 200 },
  production: { account: PRODUCTION, region: 'eu-west-1', canary: 'Canary10Percent5Minutes' },
};

describe('canary deployments and the monitoring stack', () => {
  let dir: string;
  let aws: FakeAws | undefined;
  let lines: string[];

  const project = async (extra: Record<string, unknown> = {}): Promise<ProjectConfig> => {
    const file = join(dir, 'motorcade.config.json');
    await writeFile(
      file,
      JSON.stringify({
        services: {
          consumer: { template: join(PROJECT, 'consumer/template.yaml') },
          producer: { template: join(PROJECT, 'producer/template.yaml') },
        },
        parameters: { ProducerStackName: '${env}-producer' },
        environments: ENVIRONMENTS,
        ...extra,
      }),
    );
    return loadProjectConfig(file);
  };

  const options = (config: ProjectConfig, env: string, fake: FakeAws): DeployOptions => ({
    config,
    env,
    clients: fake.clients(),
    progress: (line) => lines.push(line),
    sleep: async () => {},
    bundle: async (request) => ({ codeDir: request.codeUri, handler: request.handler }),
    variables: { DATABASE_URL: 'postgres://db' },
  });

  /** The templates deploy uploaded for CloudFormation, by stack. */
  const sentTemplates = (fake: FakeAws): Map<string, TemplateDocument> => {
    const sent = new Map<string, TemplateDocument>();
    for (const call of fake.s3.commandCalls(PutObjectCommand)) {
      const { Key, Body } = call.args[0].input;
      const stack = /^templates\/([^/]+)\//.exec(Key ?? '')?.[1];
      if (stack !== undefined) sent.set(stack, JSON.parse(Buffer.from(Body as Uint8Array).toString('utf8')));
    }
    return sent;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'motorcade-monitoring-'));
    lines = [];
  });

  afterEach(async () => {
    aws?.restore();
    aws = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('sends production AutoPublishAlias and a DeploymentPreference rolled back by the alias Errors alarm', async () => {
    // Prepare
    const config = await project();
    aws = new FakeAws(PRODUCTION);

    // Act
    await deployProject(options(config, 'production', aws));

    // Assess
    const producer = sentTemplates(aws).get('production-producer');
    expect(producer?.Globals?.Function).toMatchObject({ AutoPublishAlias: 'live' });
    expect(producer?.Resources.Lookup?.Properties?.DeploymentPreference).toEqual({
      Type: 'Canary10Percent5Minutes',
      Alarms: [{ Ref: 'LookupErrorsAlarm' }],
    });
    expect(producer?.Resources.LookupErrorsAlarm?.Properties).toMatchObject({
      AlarmName: 'production-producer-Lookup-Errors',
      MetricName: 'Errors',
      Dimensions: [
        { Name: 'FunctionName', Value: { Ref: 'Lookup' } },
        { Name: 'Resource', Value: { 'Fn::Sub': '${Lookup}:live' } },
      ],
    });
    expect(lines).toContain(
      '[1/3] production-producer: canary: AutoPublishAlias live and DeploymentPreference Canary10Percent5Minutes on Lookup, each rolled back by its Errors alarm',
    );
    // The template sent passes the same specification check `motorcade validate` runs.
    const findings = await validateDocument(
      producer as TemplateDocument,
      join(PROJECT, 'producer/template.yaml'),
    );
    expect(findings.map(formatFinding)).toEqual([]);
  });

  it('sends staging, which has no canary, its alarms but neither AutoPublishAlias nor DeploymentPreference', async () => {
    // Prepare
    const config = await project();
    aws = new FakeAws(STAGING);

    // Act
    await deployProject(options(config, 'staging', aws));

    // Assess
    const sent = sentTemplates(aws);
    const producer = JSON.stringify(sent.get('staging-producer'));
    expect(producer).not.toContain('AutoPublishAlias');
    expect(producer).not.toContain('DeploymentPreference');
    expect(sent.get('staging-producer')?.Resources.LookupErrorsAlarm?.Properties?.Dimensions).toEqual([
      { Name: 'FunctionName', Value: { Ref: 'Lookup' } },
    ]);
    expect(sent.get('staging-producer')?.Resources.LookupThrottlesAlarm?.Type).toBe('AWS::CloudWatch::Alarm');
    expect([...sent.keys()]).toEqual(['staging-producer', 'staging-consumer', 'staging-monitoring']);
  });

  it('shows in the plan what deploy adds, the monitoring stack last', async () => {
    // Prepare
    const config = await project();
    aws = new FakeAws(PRODUCTION);

    // Act
    const plans = await planProject(options(config, 'production', aws));

    // Assess
    expect(plans.map((plan) => plan.stackName)).toEqual([
      'production-producer',
      'production-consumer',
      'production-monitoring',
    ]);
    expect(plans[2]?.changes).toEqual([
      '+ Add Dashboard AWS::CloudWatch::Dashboard',
      '+ Add ConcurrentExecutionsAlarm AWS::CloudWatch::Alarm',
    ]);
    expect(lines).toContain('  adds Errors and Throttles alarms on 1 function');
    expect(lines).toContain(
      "  generated: dashboard production-motorcade, the account's concurrency alarm, 4 service alarms on the dashboard",
    );
  });

  it('generates a dashboard with the operations panels and thresholds from the config, valid against the specification', async () => {
    // Prepare
    const config = await project({
      monitoring: { alarms: { concurrentExecutionsPercent: 50, queueAgeSeconds: 120 } },
    });

    // Act
    const template = await monitoringStackTemplate(config, 'staging');
    const findings = await validateMonitoring(config);

    // Assess
    expect(findings.map(formatFinding)).toEqual([]);
    expect(template?.Resources.ConcurrentExecutionsAlarm?.Properties).toMatchObject({
      MetricName: 'ConcurrentExecutions',
      Threshold: 100,
    });
    const body = JSON.parse(String(template?.Resources.Dashboard?.Properties?.DashboardBody)) as {
      widgets: Array<{ type: string; properties: { title: string; metrics?: unknown[]; alarms?: string[] } }>;
    };
    expect(body.widgets.map((widget) => widget.properties.title)).toEqual([
      'Concurrent executions (account)',
      'Errors of every function',
      'Invocations per service',
      'Alarms',
    ]);
    expect(JSON.stringify(body.widgets[1]?.properties.metrics)).toContain(
      `SEARCH('{AWS/Lambda,FunctionName} MetricName=\\"Errors\\" FunctionName=staging-producer', 'Sum', 60)`,
    );
    expect(body.widgets[3]?.properties.alarms).toEqual([
      `arn:aws:cloudwatch:eu-west-1:${STAGING}:alarm:staging-monitoring-ConcurrentExecutions`,
      `arn:aws:cloudwatch:eu-west-1:${STAGING}:alarm:staging-producer-Lookup-Errors`,
      `arn:aws:cloudwatch:eu-west-1:${STAGING}:alarm:staging-producer-Lookup-Throttles`,
      `arn:aws:cloudwatch:eu-west-1:${STAGING}:alarm:staging-consumer-Use-Errors`,
      `arn:aws:cloudwatch:eu-west-1:${STAGING}:alarm:staging-consumer-Use-Throttles`,
    ]);
  });

  it('adds neither alarms nor the monitoring stack when the config turns monitoring off', async () => {
    // Prepare
    const config = await project({ monitoring: { enabled: false } });
    aws = new FakeAws(STAGING);

    // Act
    const report = await deployProject(options(config, 'staging', aws));

    // Assess
    expect(report.stacks.map((stack) => stack.stackName)).toEqual(['staging-producer', 'staging-consumer']);
    expect(JSON.stringify(sentTemplates(aws).get('staging-producer'))).not.toContain(
      'AWS::CloudWatch::Alarm',
    );
    expect(await monitoringStackTemplate(config, 'staging')).toBeUndefined();
  });

  it('refuses a service named monitoring while deploys generate that stack', async () => {
    // Prepare
    const file = join(dir, 'monitoring.config.json');
    await writeFile(
      file,
      JSON.stringify({
        services: { monitoring: { template: join(PROJECT, 'producer/template.yaml') } },
        environments: ENVIRONMENTS,
      }),
    );
    const config = await loadProjectConfig(file);

    // Act
    const generating = monitoringStackTemplate(config, 'staging');

    // Assess
    await expect(generating).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining("a service may not be named 'monitoring'"),
    });
  });
});
