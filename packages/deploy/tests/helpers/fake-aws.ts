import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ListImportsCommand,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClients } from '../../src/index.js';

/** How a fake stack's next operation ends. */
export interface StackScript {
  /** Final status of the next execute or delete (default: the success status). */
  finalStatus?: string;
  /** A failure event the operation emits. */
  failure?: { logicalId: string; reason: string };
  /** DescribeChangeSet answers FAILED with this reason. */
  changeSetFailure?: string;
  /** The change set's changes (default: one Add). */
  changes?: number;
  /** ListImports answer per export name (absent: "not imported" ValidationError). */
  importers?: Record<string, string[]>;
  /** The stack's outputs once the next execute completes. */
  outputs?: FakeStack['outputs'];
}

/** A PutObject as S3 received it (the body left out). */
export interface PutRecord {
  readonly bucket: string;
  readonly key: string;
  readonly contentType?: string;
  readonly cacheControl?: string;
}

interface FakeStack {
  status: string;
  events: StackEvent[];
  outputs: Array<{ OutputKey: string; OutputValue: string; ExportName?: string }>;
  parameters: Array<{ ParameterKey: string; ParameterValue: string }>;
  pending?: { id: string; type: string };
}

function awsError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

/**
 * A small model of CloudFormation, S3 and STS behind `aws-sdk-client-mock`: stacks with statuses,
 * events and outputs, change sets, content in S3 (the keys of each bucket, and every PutObject
 * with its headers in `puts`). `log` records every call across the three clients, in
 * order, as `Service.Command stack-or-key`.
 */
export class FakeAws {
  readonly cf = mockClient(CloudFormationClient);
  readonly s3 = mockClient(S3Client);
  readonly sts = mockClient(STSClient);
  readonly log: string[] = [];
  readonly stacks = new Map<string, FakeStack>();
  readonly scripts = new Map<string, StackScript>();
  readonly objects = new Set<string>();
  /** Every PutObject, in order, with its headers. */
  readonly puts: PutRecord[] = [];
  /** The keys each bucket holds (PutObject adds, DeleteObjects removes). */
  readonly buckets = new Map<string, Set<string>>();
  bucketExists = false;
  #counter = 0;

  constructor(account: string) {
    this.sts.on(GetCallerIdentityCommand).callsFake(() => {
      this.log.push('STS.GetCallerIdentity');
      return { Account: account, Arn: `arn:aws:iam::${account}:user/ci` };
    });
    this.s3.on(HeadBucketCommand).callsFake((input: { Bucket: string }) => {
      this.log.push(`S3.HeadBucket ${input.Bucket}`);
      if (!this.bucketExists) throw awsError('NotFound', 'NotFound', 404);
      return {};
    });
    this.s3.on(CreateBucketCommand).callsFake((input: { Bucket: string }) => {
      this.log.push(`S3.CreateBucket ${input.Bucket}`);
      this.bucketExists = true;
      return {};
    });
    this.s3.on(HeadObjectCommand).callsFake((input: { Key: string }) => {
      this.log.push(`S3.HeadObject ${input.Key}`);
      if (!this.objects.has(input.Key)) throw awsError('NotFound', 'NotFound', 404);
      return {};
    });
    this.s3
      .on(PutObjectCommand)
      .callsFake((input: { Bucket: string; Key: string; ContentType?: string; CacheControl?: string }) => {
        this.log.push(`S3.PutObject ${input.Key}`);
        this.objects.add(input.Key);
        this.puts.push({
          bucket: input.Bucket,
          key: input.Key,
          ...(input.ContentType === undefined ? {} : { contentType: input.ContentType }),
          ...(input.CacheControl === undefined ? {} : { cacheControl: input.CacheControl }),
        });
        const keys = this.buckets.get(input.Bucket) ?? new Set<string>();
        keys.add(input.Key);
        this.buckets.set(input.Bucket, keys);
        return {};
      });
    this.s3.on(ListObjectsV2Command).callsFake((input: { Bucket: string }) => {
      this.log.push(`S3.ListObjectsV2 ${input.Bucket}`);
      const keys = this.buckets.get(input.Bucket);
      if (keys === undefined) throw awsError('NoSuchBucket', 'The specified bucket does not exist', 404);
      return { Contents: [...keys].map((Key) => ({ Key })), IsTruncated: false };
    });
    this.s3
      .on(DeleteObjectsCommand)
      .callsFake((input: { Bucket: string; Delete: { Objects: Array<{ Key: string }> } }) => {
        this.log.push(`S3.DeleteObjects ${input.Bucket} ${input.Delete.Objects.length}`);
        for (const object of input.Delete.Objects) this.buckets.get(input.Bucket)?.delete(object.Key);
        return {};
      });
    this.#cloudFormation();
  }

  /** Clients for the code under test; the mocks answer every instance. */
  clients(): AwsClients {
    return {
      cloudFormation: new CloudFormationClient({ region: 'eu-west-1' }),
      s3: new S3Client({ region: 'eu-west-1' }),
      sts: new STSClient({ region: 'eu-west-1' }),
    };
  }

  /** A stack that is already deployed. */
  deployed(name: string, stack: Partial<FakeStack> = {}): void {
    this.stacks.set(name, {
      status: 'UPDATE_COMPLETE',
      events: [this.#event(name, name, 'AWS::CloudFormation::Stack', 'UPDATE_COMPLETE')],
      outputs: [],
      parameters: [],
      ...stack,
    });
  }

  /** The calls of one kind, e.g. `CF.CreateChangeSet`. */
  calls(prefix: string): string[] {
    return this.log.filter((entry) => entry.startsWith(prefix));
  }

  restore(): void {
    this.cf.restore();
    this.s3.restore();
    this.sts.restore();
  }

  #event(stack: string, logicalId: string, type: string, status: string, reason?: string): StackEvent {
    this.#counter++;
    return {
      EventId: `event-${this.#counter}`,
      StackName: stack,
      StackId: `arn:aws:cloudformation:eu-west-1:111111111111:stack/${stack}/1`,
      LogicalResourceId: logicalId,
      ResourceType: type,
      ResourceStatus: status,
      Timestamp: new Date(),
      ...(reason === undefined ? {} : { ResourceStatusReason: reason }),
    } as StackEvent;
  }

  #missing(name: string): Error {
    return awsError('ValidationError', `Stack with id ${name} does not exist`);
  }

  #cloudFormation(): void {
    this.cf.on(DescribeStacksCommand).callsFake((input: { StackName: string }) => {
      this.log.push(`CF.DescribeStacks ${input.StackName}`);
      const stack = this.stacks.get(input.StackName);
      if (stack === undefined) throw this.#missing(input.StackName);
      return {
        Stacks: [
          {
            StackName: input.StackName,
            StackStatus: stack.status,
            Outputs: stack.outputs,
            Parameters: stack.parameters,
            CreationTime: new Date(),
          },
        ],
      };
    });
    this.cf.on(DescribeStackEventsCommand).callsFake((input: { StackName: string }) => {
      this.log.push(`CF.DescribeStackEvents ${input.StackName}`);
      const stack = this.stacks.get(input.StackName);
      if (stack === undefined) throw this.#missing(input.StackName);
      return { StackEvents: [...stack.events].reverse() };
    });
    this.cf
      .on(CreateChangeSetCommand)
      .callsFake((input: { StackName: string; ChangeSetType: string; Capabilities: string[] }) => {
        this.log.push(
          `CF.CreateChangeSet ${input.StackName} ${input.ChangeSetType} ${input.Capabilities.join(',')}`,
        );
        const id = `arn:aws:cloudformation:eu-west-1:111111111111:changeSet/cs-${this.#counter++}`;
        const existing = this.stacks.get(input.StackName);
        if (existing === undefined) {
          this.stacks.set(input.StackName, {
            status: 'REVIEW_IN_PROGRESS',
            events: [],
            outputs: [],
            parameters: [],
          });
        }
        const stack = this.stacks.get(input.StackName) as FakeStack;
        stack.pending = { id, type: input.ChangeSetType };
        return {
          Id: id,
          StackId: `arn:aws:cloudformation:eu-west-1:111111111111:stack/${input.StackName}/1`,
        };
      });
    this.cf.on(DescribeChangeSetCommand).callsFake((input: { StackName: string }) => {
      this.log.push(`CF.DescribeChangeSet ${input.StackName}`);
      const script = this.scripts.get(input.StackName) ?? {};
      if (script.changeSetFailure !== undefined) {
        return { Status: 'FAILED', ExecutionStatus: 'UNAVAILABLE', StatusReason: script.changeSetFailure };
      }
      const changes = Array.from({ length: script.changes ?? 1 }, (_, index) => ({
        Type: 'Resource' as const,
        ResourceChange: {
          Action: 'Add' as const,
          LogicalResourceId: `Resource${index}`,
          ResourceType: 'AWS::SQS::Queue',
        },
      }));
      return { Status: 'CREATE_COMPLETE', ExecutionStatus: 'AVAILABLE', Changes: changes };
    });
    this.cf.on(DeleteChangeSetCommand).callsFake((input: { StackName: string }) => {
      this.log.push(`CF.DeleteChangeSet ${input.StackName}`);
      return {};
    });
    this.cf.on(ExecuteChangeSetCommand).callsFake((input: { StackName: string }) => {
      this.log.push(`CF.ExecuteChangeSet ${input.StackName}`);
      const stack = this.stacks.get(input.StackName) as FakeStack;
      const script = this.scripts.get(input.StackName) ?? {};
      const verb = stack.pending?.type === 'CREATE' ? 'CREATE' : 'UPDATE';
      stack.events.push(
        this.#event(input.StackName, input.StackName, 'AWS::CloudFormation::Stack', `${verb}_IN_PROGRESS`),
      );
      if (script.failure) {
        stack.events.push(
          this.#event(
            input.StackName,
            script.failure.logicalId,
            'AWS::Lambda::Function',
            `${verb}_FAILED`,
            script.failure.reason,
          ),
        );
      }
      const status = script.finalStatus ?? `${verb}_COMPLETE`;
      stack.events.push(this.#event(input.StackName, input.StackName, 'AWS::CloudFormation::Stack', status));
      stack.status = status;
      if (script.outputs !== undefined) stack.outputs = script.outputs;
      return {};
    });
    this.cf.on(DeleteStackCommand).callsFake((input: { StackName: string }) => {
      this.log.push(`CF.DeleteStack ${input.StackName}`);
      const script = this.scripts.get(input.StackName) ?? {};
      const stack = this.stacks.get(input.StackName) as FakeStack;
      stack.events.push(
        this.#event(input.StackName, input.StackName, 'AWS::CloudFormation::Stack', 'DELETE_IN_PROGRESS'),
      );
      if (script.finalStatus === 'DELETE_FAILED') {
        stack.status = 'DELETE_FAILED';
        stack.events.push(
          this.#event(
            input.StackName,
            input.StackName,
            'AWS::CloudFormation::Stack',
            'DELETE_FAILED',
            'bucket not empty',
          ),
        );
      } else {
        this.stacks.delete(input.StackName);
      }
      return {};
    });
    this.cf.on(ListImportsCommand).callsFake((input: { ExportName: string }) => {
      this.log.push(`CF.ListImports ${input.ExportName}`);
      for (const script of this.scripts.values()) {
        const importers = script.importers?.[input.ExportName];
        if (importers) return { Imports: importers };
      }
      throw awsError('ValidationError', `Export '${input.ExportName}' is not imported by any stack.`);
    });
  }
}
