/** The configuration of one deployed function, as the stack engine hands it to the Lambda service. */
export interface FunctionConfig {
  /** Physical function name (FunctionName, or `<stack>-<LogicalId>-<suffix>` as CloudFormation names it). */
  readonly name: string;
  /** `arn:aws:lambda:<region>:<account>:function:<name>`. */
  readonly arn: string;
  /** As in the template, e.g. `dist/handlers/create-item.handler`. */
  readonly handler: string;
  /** e.g. `nodejs22.x`. Only nodejs runtimes run locally. */
  readonly runtime: string;
  /** Absolute directory the handler path is resolved from (the built artifact, or CodeUri when not built). */
  readonly codeDir: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** Variables from the template's Environment.Variables (the runtime adds Lambda's own on top). */
  readonly environment: Readonly<Record<string, string>>;
  /** ReservedConcurrentExecutions; undefined when the function uses the unreserved pool. */
  readonly reservedConcurrency?: number;
  /** DeadLetterConfig.TargetArn (an SQS queue or SNS topic ARN). */
  readonly deadLetterTargetArn?: string;
  /** From AWS::Lambda::EventInvokeConfig for `$LATEST`. */
  readonly asyncInvokeConfig?: AsyncInvokeConfig;
  /** Stack and logical id, for logs and `/_motorcade/stacks`. */
  readonly stackName?: string;
  readonly logicalId?: string;
}

export interface AsyncInvokeConfig {
  /** 0–2, default 2. */
  readonly maximumRetryAttempts?: number;
  /** 60–21600, default 21600. */
  readonly maximumEventAgeInSeconds?: number;
  /** Destination ARNs (SQS queue, SNS topic, Lambda function, EventBridge bus). */
  readonly onSuccess?: string;
  readonly onFailure?: string;
}

export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

export interface InvokeOptions {
  readonly invocationType?: InvocationType;
  /** `Tail` returns the last 4 KB of the invocation's log, base64, in `logResult`. */
  readonly logType?: 'None' | 'Tail';
  /** Base64 client context (`X-Amz-Client-Context`). */
  readonly clientContext?: string;
  /** The caller's `X-Amzn-Trace-Id`, which carries the recursion lineage. */
  readonly traceHeader?: string;
  /** Qualifier (`$LATEST` is the only version locally). */
  readonly qualifier?: string;
}

export interface InvokeResult {
  /** 200 for RequestResponse, 202 for Event, 204 for DryRun. */
  readonly statusCode: 200 | 202 | 204;
  readonly payload: Buffer;
  /** `Unhandled` when the function threw or failed (timeout, out of memory, crash). */
  readonly functionError?: 'Unhandled';
  /** Base64 of the last 4 KB of log output, when `logType` was `Tail`. */
  readonly logResult?: string;
  readonly executedVersion: string;
}

/**
 * Where the Lambda service sends what it does not own: destinations and dead-letter targets
 * (a queue, a topic, another function). The environment routes by ARN.
 */
export interface TargetRouter {
  deliver(targetArn: string, payload: string): Promise<void>;
}

/** One log line from a function's log stream (the function's own output and START/END/REPORT). */
export interface FunctionLogLine {
  readonly functionName: string;
  readonly requestId?: string;
  readonly line: string;
}

export type LogSink = (entry: FunctionLogLine) => void;
