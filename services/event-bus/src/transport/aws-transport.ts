import type { ListenerTarget } from '../domain/listener-target.js';
import type { DeliveryTransport } from '../domain/ports.js';
import { invokeListener } from './lambda-delivery.js';
import { sendToQueue } from './sqs-delivery.js';

/**
 * The transport of the deployed bus: lambda listeners by asynchronous invoke, sqs listeners by
 * SendMessage, through the AWS SDK (the local cloud's edge when `AWS_ENDPOINT_URL` is set).
 * @example
 * await awsTransport.deliver({ type: 'sqs', arn: queueArn }, envelope);
 */
export const awsTransport: DeliveryTransport = {
  deliver: (target: ListenerTarget, envelope: string) =>
    target.type === 'lambda' ? invokeListener(target.arn, envelope) : sendToQueue(target.arn, envelope),
};
