import { z } from 'zod';

/**
 * The `iot` settings of an environment in `motorcade.config.json`, e.g.
 * `"environments": { "local": { ..., "iot": { "authorizer": "devices.DeviceAuthorizer" } } }`:
 * the function (`<service>.<LogicalId>`) the MQTT broker asks to authenticate devices.
 */
export const iotConfigSchema = z
  .object({
    authorizer: z
      .string()
      .regex(/^[a-z][a-z0-9-]*\.[A-Za-z0-9]+$/, 'must be <service>.<LogicalId> of the authorizer function')
      .optional(),
  })
  .strict();

/** An environment's `iot` settings. */
export type IotConfig = z.infer<typeof iotConfigSchema>;
