import {
  BatchProcessor,
  EventType,
  processPartialResponse,
  SqsFifoPartialProcessorAsync,
} from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/**
 * Whether an event is an SQS batch (an event source mapping's delivery).
 * @example
 * if (isSqsEvent(event)) return processSqsRecords(event, context, logger, handleRecord);
 */
export function isSqsEvent(event: unknown): event is SQSEvent {
  if (typeof event !== 'object' || event === null || !('Records' in event) || !Array.isArray(event.Records)) {
    return false;
  }
  const first: unknown = event.Records[0];
  return (
    typeof first === 'object' && first !== null && 'eventSource' in first && first.eventSource === 'aws:sqs'
  );
}

/**
 * Runs `handleRecord` on each record with Powertools Batch and reports the failed ones as
 * `batchItemFailures` (the function needs `FunctionResponseTypes: [ReportBatchItemFailures]`), so
 * one bad record is retried alone instead of the whole batch. A FIFO queue stops at the first
 * failure and reports it and every record after it, which keeps the group's order.
 * @example
 * return processSqsRecords(event, context, logger, async (record) => save(JSON.parse(record.body)));
 */
export async function processSqsRecords(
  event: SQSEvent,
  context: Context,
  logger: Logger,
  handleRecord: (record: SQSRecord) => Promise<void>,
): Promise<SQSBatchResponse> {
  const fifo = event.Records[0]?.eventSourceARN.endsWith('.fifo') ?? false;
  const processor = fifo ? new SqsFifoPartialProcessorAsync() : new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    try {
      await handleRecord(record);
    } catch (error) {
      logger.warn('Record failed; it will be retried alone', { messageId: record.messageId, error });
      throw error;
    }
  };
  // Even when every record failed, answer with the list instead of throwing: each record then
  // follows its own redrive count, the same as when only some fail.
  return processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false });
}
