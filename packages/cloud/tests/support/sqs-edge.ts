import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { createSqsProject, sqsClient } from '../fixtures/sqs/sqs-harness.js';
import type { TestProject } from './test-project.js';

/** A local cloud running SQS, the real SDK client against its edge, and a queue-making helper. */
export interface SqsEdge {
  readonly project: TestProject;
  readonly sqs: SQSClient;
  /** Creates a queue through the edge and answers its URL. */
  createQueue(name: string, attributes?: Record<string, string>): Promise<string>;
  /** Destroys the client and disposes of the project. */
  dispose(): Promise<void>;
}

/**
 * Starts a fresh SQS project (see {@link createSqsProject}) and its SDK client, for one test.
 * @example
 * beforeEach(async () => ({ project, sqs, createQueue, dispose } = await startSqsEdge()));
 */
export async function startSqsEdge(): Promise<SqsEdge> {
  const project = await createSqsProject();
  const sqs = sqsClient(project);
  return {
    project,
    sqs,
    async createQueue(name, attributes = {}) {
      return String(
        (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl,
      );
    },
    async dispose() {
      sqs.destroy();
      await project.dispose();
    },
  };
}
