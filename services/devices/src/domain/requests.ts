import { z } from 'zod';

/** A vehicle's id, as the vehicles service names it (opaque here). */
export const vehicleIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -');

/** What a device sends as OsmAnd's `id`: an IMEI, a serial, or the id a phone app shows. */
export const uniqueIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be 1–64 letters, digits, ., _, : or -');

/** `POST /devices`: a device for a vehicle; `uniqueId` defaults to the device's own id. */
export const registerDeviceRequestSchema = z.object({
  vehicleId: vehicleIdSchema,
  uniqueId: uniqueIdSchema.optional(),
  name: z.string().trim().min(1).max(100).optional(),
});
/** A request to register a device. */
export type RegisterDeviceRequest = z.infer<typeof registerDeviceRequestSchema>;

/** `PATCH /devices/{deviceId}`: move a device to another vehicle, or rename it. */
export const updateDeviceRequestSchema = z
  .object({ vehicleId: vehicleIdSchema.optional(), name: z.string().trim().min(1).max(100).optional() })
  .refine((body) => body.vehicleId !== undefined || body.name !== undefined, 'name vehicleId or name');
/** A request to update a device. */
export type UpdateDeviceRequest = z.infer<typeof updateDeviceRequestSchema>;

/** `GET /devices?vehicleId=`. */
export const listDevicesQuerySchema = z.object({ vehicleId: vehicleIdSchema.optional() });
/** A device list filter. */
export type ListDevicesQuery = z.infer<typeof listDevicesQuerySchema>;

/** `/devices/{deviceId}`. */
export const devicePathSchema = z.object({ deviceId: z.uuid() });

/** The input of the `SeedDemo` function. */
export const seedDemoInputSchema = z.object({
  /** The organisation (from the users service's `SeedDemo`). */
  orgId: z.uuid(),
  vehicleIds: z.array(vehicleIdSchema).min(1).max(50).default(['demo-vehicle-1', 'demo-vehicle-2']),
});
/** A demo seeding request. */
export type SeedDemoInput = z.infer<typeof seedDemoInputSchema>;
