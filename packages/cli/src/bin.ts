#!/usr/bin/env node
import { Command, Option } from 'commander';
import { CliError } from './cli-error.js';
import { deploy } from './commands/deploy.js';
import { destroy } from './commands/destroy.js';
import { destroyAws } from './commands/destroy-aws.js';
import { dev } from './commands/dev.js';
import { invoke } from './commands/invoke.js';
import { monitoring } from './commands/monitoring.js';
import { plan } from './commands/plan.js';
import { simulate } from './commands/simulate.js';
import { stacks } from './commands/stacks.js';
import { trigger } from './commands/trigger.js';
import { validate } from './commands/validate.js';
import { writeLogFile } from './error-log.js';

const program = new Command('motorcade')
  .description('Run a SAM/CloudFormation microservices system locally, and ship it to AWS.')
  .showHelpAfterError();

const common = (command: Command): Command =>
  command
    .option('--config <file>', 'the project config', 'motorcade.config.json')
    .option('--env <name>', 'the environment (account) to use', 'local')
    .option('--state-dir <dir>', 'state directory (default .motorcade/<env> beside the config)');

common(program.command('dev').description('deploy every stack of the config locally and serve them'))
  .option('--port <port>', 'the API Gateway port (default 3000, or a free one when taken)')
  .option(
    '--mqtt-port <port>',
    'the MQTT broker port, the IoT Core stand-in (default 1883, or a free one when taken)',
  )
  .addOption(
    new Option('--edge-port <port>', 'the AWS API endpoint port (default 4566, or a free one when taken)'),
  )
  .option(
    '--database-url <url>',
    'PostgreSQL for the stacks (default: $DATABASE_URL, else the embedded database)',
  )
  .option('--no-watch', 'do not watch sources')
  .option(
    '--simulate [vehicles]',
    'once ready, drive the demo fleet (default 20 vehicles) through the public APIs',
  )
  .option('--backlog <n>', 'with --simulate: items queued at the start (default one per four vehicles)')
  .action((options) => run(() => dev(options)));

common(
  program
    .command('simulate')
    .description('drive the demo fleet of a running environment through its public APIs'),
)
  .option('--gateway <url>', 'the API gateway (default: what motorcade dev recorded)')
  .option('--mqtt <url>', 'the MQTT broker (default: what motorcade dev recorded)')
  .option('--demo <file>', 'the demo credentials (default .motorcade/<env>/demo.json)')
  .option('--vehicles <n>', 'how many of the demo vehicles to drive (default all)')
  .option('--items-per-minute <n>', 'items the client system creates per minute (default 2)')
  .option('--backlog <n>', 'items the client system has queued at the start (default one per four vehicles)')
  .option('--centre <lat,lon>', 'the city centre (default Berlin, 52.52,13.405)')
  .option('--radius-km <km>', 'the radius of the city (default 2.5)')
  .option('--report-every <s>', "seconds between a tracker's reports (default 5)")
  .option('--reject-rate <share>', 'the share of offers drivers reject (default 0.15)')
  .option('--mqtt-share <share>', 'the share of trackers reporting over MQTT (default 0.5)')
  .option('--duration <s>', 'stop after this many seconds (default: at Ctrl-C)')
  .option('--seed <n>', 'a seed, to repeat a simulation')
  .action((options) => run(() => simulate(options)));

common(
  program.command('invoke <target>').description('invoke <service>.<LogicalId>, a function name or an ARN'),
)
  .option('--event <file>', "the event JSON file, or '-' for stdin")
  .option('--async', 'invoke asynchronously (InvocationType Event)')
  .option('--edge-port <port>', 'the running local cloud edge port')
  .action((target: string, options) => run(() => invoke(target, options)));

common(
  program
    .command('trigger <target>')
    .description('fire a scheduled rule or schedule now: <service>.<LogicalId>'),
)
  .option('--json', 'print JSON')
  .option('--edge-port <port>', 'the running local cloud edge port')
  .action((target: string, options) => run(() => trigger(target, options)));

common(program.command('stacks').description('list the deployed stacks'))
  .option('--json', 'print JSON')
  .option('--edge-port <port>', 'the running local cloud edge port')
  .action((options) => run(() => stacks(options)));

common(
  program
    .command('destroy <service>')
    .description('delete the stack <env>-<service> from the running local cloud'),
)
  .option('--edge-port <port>', 'the running local cloud edge port')
  .action((service: string, options) => run(() => destroy(service, options)));

// The AWS commands: --env is required, so nothing reaches an AWS account by default (docs/deploy.md).
const aws = (command: Command): Command =>
  command
    .option('--config <file>', 'the project config', 'motorcade.config.json')
    .requiredOption('--env <name>', 'the environment (AWS account) to act on');
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

program
  .command('validate [templates...]')
  .description('check templates against the CloudFormation specification and the Lambda traps')
  .option('--config <file>', 'the project config', 'motorcade.config.json')
  .option('--all', "every template of the repository, not only the config's")
  .option('--vpc-budget <n>', 'most concurrent executions of VPC functions per template (default 250)')
  .option('--json', 'print JSON')
  .action((templates: string[], options) => run(() => validate(templates, options)));

aws(program.command('plan').description('show what deploying to an AWS environment would change'))
  .option('--service <name>', 'only this service (repeatable)', collect)
  .action((options) => run(() => plan(options)));

aws(
  program.command('deploy').description("deploy the stacks to an AWS environment's account, in import order"),
)
  .option('--service <name>', 'only this service (repeatable)', collect)
  .action((options) => run(() => deploy(options)));

aws(
  program
    .command('monitoring')
    .description(
      'print the generated monitoring stack (CloudWatch dashboard and alarms) of an AWS environment',
    ),
).action((options) => run(() => monitoring(options)));

aws(program.command('aws-destroy <service>').description("delete a service's stack from an AWS environment"))
  .option('--yes', 'confirm the deletion')
  .action((service: string, options) => run(() => destroyAws(service, options)));

/** Every failure is one line for the user; the detail goes to a log file. */
async function run(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    const logFile = await writeLogFile(error);
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `motorcade: ${message}${error instanceof CliError ? '' : ` (details: ${logFile})`}\n`,
    );
    process.exit(error instanceof CliError ? error.exitCode : 1);
  }
}

await program.parseAsync();
