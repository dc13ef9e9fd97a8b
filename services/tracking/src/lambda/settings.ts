import { ConfigurationError } from '@motorcade/lambda';
import { DEFAULT_OFFLINE_TIMEOUT_SECONDS } from '../domain/device-presence.js';

function required(name: string, what: string): string {
  const value = process.env[name];
  if (!value) throw new ConfigurationError(`${name} is not set: the template must pass ${what}`);
  return value;
}

/** `DATABASE_URL`, from the stack's `DatabaseUrl`. */
export const databaseUrl = (): string => required('DATABASE_URL', 'its DatabaseUrl');

/** `AUTHENTICATE_DEVICE_ARN`, imported from the devices stack. */
export const authenticateDeviceArn = (): string =>
  required('AUTHENTICATE_DEVICE_ARN', "the devices stack's AuthenticateDeviceArn");

/** `LOOKUP_DEVICES_ARN`, imported from the devices stack. */
export const lookupDevicesArn = (): string =>
  required('LOOKUP_DEVICES_ARN', "the devices stack's LookupDevicesArn");

/** `POSITION_FEED_QUEUE_URL`, the URL of this stack's PositionFeed queue. */
export const positionFeedQueueUrl = (): string =>
  required('POSITION_FEED_QUEUE_URL', 'the PositionFeed queue URL (!Ref PositionFeed)');

/**
 * `OFFLINE_TIMEOUT_SECONDS` (the stack's `OfflineTimeoutSeconds`), default 600.
 * @example
 * await sweepSilentDevices(ports, now, offlineTimeoutSeconds());
 */
export function offlineTimeoutSeconds(): number {
  const raw = process.env.OFFLINE_TIMEOUT_SECONDS;
  if (raw === undefined || raw === '') return DEFAULT_OFFLINE_TIMEOUT_SECONDS;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new ConfigurationError(`OFFLINE_TIMEOUT_SECONDS must be a positive number, not ${raw}`);
  return value;
}
