import { z } from 'zod';
import { eventIdSchema } from './event-id.js';

/**
 * `driverAssigned` from the vehicles service: who drives a vehicle now (`driverId` null when it
 * lost its driver). Allocation keeps one register per vehicle, the fact with the highest bus id
 * winning (a repeat or an older fact arriving late changes nothing), and a driver's vehicle is the
 * vehicle whose register names them with the highest id — so a driver moved from one vehicle to
 * another drives the second even if the first one's "lost its driver" event never comes.
 */
export const driverAssignedInputSchema = z.object({
  type: z.literal('driverAssigned'),
  id: eventIdSchema,
  detail: z.object({
    vehicleId: z.string().min(1),
    orgId: z.string().min(1),
    driverId: z.string().min(1).nullable(),
  }),
});
/** A driver assignment, see {@link driverAssignedInputSchema}. */
export type DriverAssignedInput = z.infer<typeof driverAssignedInputSchema>;

/** One vehicle's driver register. */
export interface DriverAssignment {
  readonly vehicleId: string;
  readonly orgId: string;
  readonly driverId: string | null;
  /** The bus id of the fact the register holds. */
  readonly eventId: string;
}
