import { AwsApiError } from '../errors.js';

/**
 * An error the SQS API answers with. `type` is the JSON protocol's `__type`
 * (`com.amazonaws.sqs#QueueDoesNotExist`); `queryCode` is the legacy Query protocol's code, sent in
 * the `x-amzn-query-error` header, from which the AWS SDK v3 picks the exception class.
 */
export class SqsError extends AwsApiError {
  readonly queryCode: string;

  constructor(shape: string, queryCode: string, statusCode: number, message: string) {
    super(`com.amazonaws.sqs#${shape}`, statusCode, message);
    this.queryCode = queryCode;
  }
}

/** `QueueDoesNotExist` (`AWS.SimpleQueueService.NonExistentQueue`). */
export class QueueDoesNotExistError extends SqsError {
  constructor() {
    super(
      'QueueDoesNotExist',
      'AWS.SimpleQueueService.NonExistentQueue',
      400,
      'The specified queue does not exist.',
    );
  }
}

/** `QueueNameExists` (`QueueAlreadyExists`): CreateQueue with the same name but other attributes. */
export class QueueNameExistsError extends SqsError {
  constructor(attribute: string) {
    super(
      'QueueNameExists',
      'QueueAlreadyExists',
      400,
      `A queue already exists with the same name and a different value for attribute ${attribute}`,
    );
  }
}

/** SQS's generic `InvalidParameterValue`. */
export class InvalidParameterValueError extends SqsError {
  constructor(message: string) {
    super('InvalidParameterValue', 'InvalidParameterValue', 400, message);
  }

  /** `Value X for parameter P is invalid. Reason: R.` — SQS's wording for a value out of range. */
  static of(parameter: string, value: unknown, reason: string): InvalidParameterValueError {
    return new InvalidParameterValueError(
      `Value ${String(value)} for parameter ${parameter} is invalid. Reason: ${reason}.`,
    );
  }
}

/** `MissingParameter`: a required request parameter is absent. */
export class MissingParameterError extends SqsError {
  constructor(parameter: string) {
    super(
      'MissingParameter',
      'MissingParameter',
      400,
      `The request must contain the parameter ${parameter}.`,
    );
  }
}

/** `InvalidAttributeName`: an unknown queue attribute. */
export class InvalidAttributeNameError extends SqsError {
  constructor(name: string) {
    super('InvalidAttributeName', 'InvalidAttributeName', 400, `Unknown Attribute ${name}.`);
  }
}

/** `InvalidAttributeValue`: a known queue attribute with a value SQS refuses. */
export class InvalidAttributeValueError extends SqsError {
  constructor(name: string, reason: string) {
    super(
      'InvalidAttributeValue',
      'InvalidAttributeValue',
      400,
      `Invalid value for the parameter ${name}. ${reason}`,
    );
  }
}

/** `ReceiptHandleIsInvalid`. */
export class ReceiptHandleIsInvalidError extends SqsError {
  constructor(handle: string) {
    super(
      'ReceiptHandleIsInvalid',
      'ReceiptHandleIsInvalid',
      404,
      `The input receipt handle "${handle}" is not a valid receipt handle.`,
    );
  }
}

/** `MessageNotInflight`: ChangeMessageVisibility of a message that is not in flight. */
export class MessageNotInflightError extends SqsError {
  constructor() {
    super(
      'MessageNotInflight',
      'AWS.SimpleQueueService.MessageNotInflight',
      400,
      'Message does not exist or is not available for visibility timeout change.',
    );
  }
}

/** `InvalidMessageContents`: characters SQS does not allow in a body. */
export class InvalidMessageContentsError extends SqsError {
  constructor() {
    super(
      'InvalidMessageContents',
      'InvalidMessageContents',
      400,
      'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    );
  }
}

/** `EmptyBatchRequest`. */
export class EmptyBatchRequestError extends SqsError {
  constructor(entryType: string) {
    super(
      'EmptyBatchRequest',
      'AWS.SimpleQueueService.EmptyBatchRequest',
      400,
      `There should be at least one ${entryType} in the request.`,
    );
  }
}

/** `TooManyEntriesInBatchRequest`. */
export class TooManyEntriesInBatchRequestError extends SqsError {
  constructor(count: number) {
    super(
      'TooManyEntriesInBatchRequest',
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      400,
      `Maximum number of entries per request are 10. You have sent ${count}.`,
    );
  }
}

/** `BatchEntryIdsNotDistinct`. */
export class BatchEntryIdsNotDistinctError extends SqsError {
  constructor(id: string) {
    super(
      'BatchEntryIdsNotDistinct',
      'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
      400,
      `Id ${id} repeated.`,
    );
  }
}

/** `InvalidBatchEntryId`. */
export class InvalidBatchEntryIdError extends SqsError {
  constructor() {
    super(
      'InvalidBatchEntryId',
      'AWS.SimpleQueueService.InvalidBatchEntryId',
      400,
      'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
    );
  }
}

/** `BatchRequestTooLong`: the entries of a SendMessageBatch together pass the size limit. */
export class BatchRequestTooLongError extends SqsError {
  constructor(limit: number, size: number) {
    super(
      'BatchRequestTooLong',
      'AWS.SimpleQueueService.BatchRequestTooLong',
      400,
      `Batch requests cannot be longer than ${limit} bytes. You have sent ${size} bytes.`,
    );
  }
}

/** `UnsupportedOperation`: an SQS action the local cloud does not emulate. */
export class UnsupportedOperationError extends SqsError {
  constructor(operation: string) {
    super(
      'UnsupportedOperation',
      'AWS.SimpleQueueService.UnsupportedOperation',
      400,
      `${operation} is not supported by the local cloud's SQS emulation.`,
    );
  }
}

/** A request the JSON protocol cannot read (not JSON, not an object). */
export class InvalidRequestError extends SqsError {
  constructor(message: string) {
    super('InvalidParameterValue', 'InvalidParameterValue', 400, message);
  }
}
