import { z } from 'zod';
import { AVAILABILITIES, VEHICLE_TYPES } from './vehicle.js';

/** A vehicle's display name. */
const nameSchema = z.string().trim().min(1).max(100);

/** A number plate: letters, digits, spaces and dashes, kept in capitals (`ab12 cde` is `AB12 CDE`). */
export const plateSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9 -]{0,19}$/, 'must be 1–20 letters, digits, spaces or dashes');

const vehicleTypeSchema = z.enum(VEHICLE_TYPES);
const capacityKgSchema = z.number().positive().max(100_000);

/** A user id of the users service (the authority on who is a driver; not checked here). */
export const driverIdSchema = z.string().trim().min(1).max(100);

/** `POST /vehicles`. */
export const createVehicleRequestSchema = z.object({
  name: nameSchema,
  plate: plateSchema,
  vehicleType: vehicleTypeSchema,
  capacityKg: capacityKgSchema,
});
/** A request to register a vehicle. */
export type CreateVehicleRequest = z.infer<typeof createVehicleRequestSchema>;

/** `PATCH /vehicles/{vehicleId}`: any of the descriptive fields, at least one. */
export const updateVehicleRequestSchema = z
  .object({
    name: nameSchema.optional(),
    plate: plateSchema.optional(),
    vehicleType: vehicleTypeSchema.optional(),
    capacityKg: capacityKgSchema.optional(),
  })
  .strict()
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give at least one of name, plate, vehicleType, capacityKg',
  });
/** A request to change a vehicle's description. */
export type UpdateVehicleRequest = z.infer<typeof updateVehicleRequestSchema>;

/** `GET /vehicles?availability=`. */
export const listVehiclesQuerySchema = z.object({ availability: z.enum(AVAILABILITIES).optional() });
/** A vehicle list filter. */
export type ListVehiclesQuery = z.infer<typeof listVehiclesQuerySchema>;

/** `/vehicles/{vehicleId}`. */
export const vehiclePathSchema = z.object({ vehicleId: z.uuid() });

/** `PUT /vehicles/{vehicleId}/driver`: a user id, or null to leave the vehicle without a driver. */
export const assignDriverRequestSchema = z.object({ driverId: driverIdSchema.nullable() });
/** A driver assignment. */
export type AssignDriverRequest = z.infer<typeof assignDriverRequestSchema>;

/** `POST /vehicles/mine/duty`. */
export const dutyRequestSchema = z.object({ onDuty: z.boolean() });
/** A duty change. */
export type DutyRequest = z.infer<typeof dutyRequestSchema>;

/** The most demo vehicles one seeding creates. */
export const MAX_DEMO_VEHICLES = 100;

/** The input of the `SeedDemo` function. */
export const seedDemoInputSchema = z
  .object({
    /** The organisation (from the users service's `SeedDemo`). */
    orgId: z.uuid(),
    /** User ids: driver i drives demo van i. */
    drivers: z.array(driverIdSchema).max(MAX_DEMO_VEHICLES),
    /** How many vans; the number of drivers when absent. */
    count: z.number().int().min(1).max(MAX_DEMO_VEHICLES).optional(),
  })
  .refine((input) => (input.count ?? input.drivers.length) >= 1, {
    message: 'give drivers or a count of at least 1',
    path: ['count'],
  });
/** A demo seeding request. */
export type SeedDemoInput = z.infer<typeof seedDemoInputSchema>;
