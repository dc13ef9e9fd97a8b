import { CloudError } from '../errors.js';

/** Stable codes of the schedule emulation's errors. */
export const ScheduleErrorCode = {
  /** A rate, cron or at expression EventBridge would refuse. */
  EXPRESSION_INVALID: 'SCHEDULE_EXPRESSION_INVALID',
  /** A property of a rule or schedule that EventBridge would refuse. */
  PROPERTY_INVALID: 'SCHEDULE_PROPERTY_INVALID',
  /** A valid property the local cloud does not emulate yet. */
  NOT_EMULATED: 'SCHEDULE_NOT_EMULATED',
  /** No rule or schedule under that stack and logical id. */
  NOT_FOUND: 'SCHEDULE_NOT_FOUND',
} as const;

/** One of the {@link ScheduleErrorCode} values. */
export type ScheduleErrorCode = (typeof ScheduleErrorCode)[keyof typeof ScheduleErrorCode];

/** An EventBridge rule or Scheduler schedule that cannot be deployed or fired; one readable line. */
export class ScheduleError extends CloudError {
  constructor(code: ScheduleErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** Why an expression is invalid, before the provider adds file, resource and property. */
export class InvalidExpressionError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidExpressionError';
  }
}
