import { z } from 'zod';

/**
 * The fleet events pushed to the dashboard: every type of docs/fleet.md's events table except the
 * drivers' answers (`offerAccepted`, `offerRejected`), which carry no organisation and whose
 * outcome arrives as `allocationAccepted` / `allocationRejected`. The template declares one
 * listener per type.
 */
export const PUSHED_EVENT_TYPES = [
  'vehicleRegistered',
  'vehicleStatusChanged',
  'driverAssigned',
  'vehicleMoving',
  'vehicleStopped',
  'deviceOnline',
  'deviceOffline',
  'itemCreated',
  'itemStatusChanged',
  'allocationOffered',
  'allocationAccepted',
  'allocationRejected',
  'allocationExpired',
  'allocationFailed',
] as const;

/** What the push needs of any fleet event's detail: its organisation; the rest goes as is. */
export const fleetEventDetailSchema = z.looseObject({ orgId: z.uuid() });
