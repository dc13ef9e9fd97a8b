import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { trigger as triggerCommand } from '../../cli/src/commands/trigger.js';
import { type SchedulesService, schedulesApiRoutes, schedulesService } from '../src/schedules/index.js';
import { createTestProject, type TestProject } from './support/test-project.js';

// Paths are relative to the stack tests' fixture directory, which the test project resolves them from.
const SCHEDULES = { template: '../schedules/template.yaml' };
const STACK = 'test-schedules';
const ACCOUNT = '123456789012';

interface Recorded {
  readonly receiver: string;
  readonly event: Readonly<Record<string, unknown>>;
}

/** Waits (bounded) until the recorder functions have written `count` events, then returns them. */
async function recorded(project: TestProject, count: number, timeoutMs = 5000): Promise<Recorded[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = (await readdir(project.recordDir)).filter((file) => file.endsWith('.json')).sort();
    if (files.length >= count || Date.now() > deadline) {
      return Promise.all(
        files.map(
          async (file) => JSON.parse(await readFile(join(project.recordDir, file), 'utf8')) as Recorded,
        ),
      );
    }
    await delay(25);
  }
}

async function trigger(project: TestProject, logicalId: string): Promise<Response> {
  const query = new URLSearchParams({ env: 'test', stack: STACK, logicalId });
  return fetch(`${project.cloud.edgeUrl}/_motorcade/schedules/trigger?${query}`, { method: 'POST' });
}

describe('schedules: EventBridge rules and Scheduler schedules', () => {
  let project: TestProject;
  beforeEach(async () => {
    project = await createTestProject('test', ACCOUNT, {
      services: [schedulesService],
      routes: [schedulesApiRoutes],
    });
  });
  afterEach(async () => {
    await project.dispose();
  });

  it('fires a scheduled rule through the edge with EventBridge’s exact scheduled event', async () => {
    // Prepare
    await project.cloud.deployProject(await project.config({ schedules: SCHEDULES }), 'test');
    const rule = project.cloud.environment('test').stacks.get(STACK)?.resources.NightlyCron;

    // Act
    const response = await trigger(project, 'NightlyCron');
    const [record] = await recorded(project, 1);

    // Assess
    expect(response.status).toBe(200);
    expect(record?.receiver).toBe('Nightly');
    expect(record?.event).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: ACCOUNT,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      region: 'eu-west-1',
      resources: [`arn:aws:events:eu-west-1:${ACCOUNT}:rule/${rule?.physicalId}`],
      detail: {},
    });
  });

  it.each([
    ['a rule target’s Input instead of the event', 'NightlyWithInput', { job: 'compact' }],
    ['the part of the event a rule target’s InputPath selects', 'DetailOnly', {}],
  ])('delivers %s', async (_case, logicalId, expected) => {
    // Prepare
    await project.cloud.deployProject(await project.config({ schedules: SCHEDULES }), 'test');

    // Act
    await trigger(project, logicalId);
    const [record] = await recorded(project, 1);

    // Assess
    expect(record?.event).toEqual(expected);
  });

  it('gives a Scheduler target its Input with the context attributes filled in', async () => {
    // Prepare
    await project.cloud.deployProject(await project.config({ schedules: SCHEDULES }), 'test');

    // Act
    const response = await trigger(project, 'ReportsWeekly');
    const [record] = await recorded(project, 1);

    // Assess
    expect(await response.json()).toMatchObject({
      type: 'AWS::Scheduler::Schedule',
      arn: `arn:aws:scheduler:eu-west-1:${ACCOUNT}:schedule/default/ReportsWeekly`,
      deliveries: [{ delivered: true }],
    });
    expect(record?.event).toEqual({
      report: 'weekly',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      schedule: `arn:aws:scheduler:eu-west-1:${ACCOUNT}:schedule/default/ReportsWeekly`,
    });
  });

  it('sends an empty JSON object to a Scheduler target without Input, even when the schedule is disabled', async () => {
    // Prepare
    await project.cloud.deployProject(await project.config({ schedules: SCHEDULES }), 'test');

    // Act
    await trigger(project, 'ReportsBare');
    const [record] = await recorded(project, 1);

    // Assess
    expect(record?.event).toEqual({});
  });

  it('fires a one-time schedule by itself when its time comes', async () => {
    // Prepare: at() has whole seconds, so aim two seconds ahead.
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2000).toISOString().slice(0, 19);
    const config = await project.config({ schedules: { ...SCHEDULES, parameters: { AtTime: at } } });

    // Act
    await project.cloud.deployProject(config, 'test');
    const records = await recorded(project, 1, 6000);

    // Assess
    expect(records.map((record) => record.event)).toEqual([{ once: true }]);
  });

  it('lists the next firing of each schedule in its own time zone', async () => {
    // Prepare
    await project.cloud.deployProject(await project.config({ schedules: SCHEDULES }), 'test');

    // Act
    const listing = (await (
      await fetch(`${project.cloud.edgeUrl}/_motorcade/schedules?env=test`)
    ).json()) as {
      schedules: { logicalId: string; state: string; nextFiring?: string }[];
    };

    // Assess
    const weekly = listing.schedules.find((schedule) => schedule.logicalId === 'ReportsWeekly');
    const next = new Date(String(weekly?.nextFiring));
    const paris = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(next);
    expect(paris).toBe('Mon 08:00');
    expect(listing.schedules.find((schedule) => schedule.logicalId === 'ReportsBare')).toMatchObject({
      state: 'DISABLED',
    });
    expect(
      listing.schedules.find((schedule) => schedule.logicalId === 'ReportsBare')?.nextFiring,
    ).toBeUndefined();
  });

  it('brings schedules back from the recorded stacks after a restart', async () => {
    // Prepare
    await project.cloud.deployProject(await project.config({ schedules: SCHEDULES }), 'test');

    // Act
    await project.restart();
    const response = await trigger(project, 'NightlyWithInput');
    const [record] = await recorded(project, 1);

    // Assess
    expect(response.status).toBe(200);
    expect(record?.event).toEqual({ job: 'compact' });
    const service = project.cloud.environment('test').service<SchedulesService>('schedules');
    expect(service.list().find((schedule) => schedule.logicalId === 'NightlyCron')?.nextFiring).toBeDefined();
  });

  it('stops a deleted stack’s schedules and says which ones the stack has when asked for another', async () => {
    // Prepare
    await project.cloud.deployProject(await project.config({ schedules: SCHEDULES }), 'test');
    const unknown = await trigger(project, 'Nope');

    // Act
    await project.cloud.environment('test').stacks.delete(STACK);
    const gone = await trigger(project, 'NightlyCron');

    // Assess
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toMatch(
      /^test-schedules has no scheduled rule or schedule Nope \(it has: .*NightlyCron/,
    );
    expect(gone.status).toBe(404);
    expect(project.cloud.environment('test').service<SchedulesService>('schedules').list()).toEqual([]);
  });

  it('lets `motorcade trigger <service>.<LogicalId>` fire a schedule of the running cloud', async () => {
    // Prepare
    await project.cloud.deployProject(await project.config({ schedules: SCHEDULES }), 'test');
    const printed: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    const options = {
      config: join(project.dir, 'motorcade.config.json'),
      env: 'test',
      edgePort: project.cloud.edge.port.toString(),
    };

    // Act
    try {
      await triggerCommand('schedules.NightlyWithInput', options);
    } finally {
      write.mockRestore();
    }
    const [record] = await recorded(project, 1);

    // Assess
    expect(printed.join('')).toMatch(
      /^fired arn:aws:events:eu-west-1:123456789012:rule\/test-schedules-NightlyWithInput-\w+ at /,
    );
    expect(record?.event).toEqual({ job: 'compact' });
    await expect(triggerCommand('schedules.Missing', options)).rejects.toThrow(
      /test-schedules has no scheduled rule or schedule Missing/,
    );
  });

  it.each([
    [
      'an invalid cron expression',
      'bad-cron.yaml',
      /bad-cron\.yaml: resource Tick, property ScheduleExpression: Parameter ScheduleExpression is not valid: cron\(0 10 \* \* \* \*\) \(one of Day-of-month and Day-of-week must be \?/,
    ],
    [
      'an event pattern rule, which is not emulated',
      'event-pattern.yaml',
      /event-pattern\.yaml: resource OnUpload, property EventPattern: rules with an EventPattern are not emulated yet/,
    ],
    [
      'an input transformer, which is not emulated',
      'input-transformer.yaml',
      /input-transformer\.yaml: resource Tick, property Targets\[0\]\.InputTransformer: InputTransformer is not emulated/,
    ],
  ])('refuses %s at deploy, naming file, resource and property', async (_case, file, message) => {
    // Prepare
    const config = await project.config({ broken: { template: `../schedules/broken/${file}` } });

    // Act
    const deploying = project.cloud.deployProject(config, 'test');

    // Assess
    await expect(deploying).rejects.toThrow(message);
  });
});
