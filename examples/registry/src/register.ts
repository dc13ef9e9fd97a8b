import { customResource } from '@motorcade/lambda';
import { z } from 'zod';

/**
 * A CloudFormation custom resource provider: every stack that declares a `Custom::Registration`
 * is registered on deploy and unregistered on delete. The library always answers the ResponseURL,
 * even when this handler fails, so a deploy never waits for a reply that will not come.
 */
export const handler = customResource({
  action: 'registerService',
  properties: z.object({ ServiceName: z.string().min(1) }),
  create: async ({ ServiceName }) => ({
    physicalResourceId: `registration-${ServiceName}`,
    data: { RegisteredAs: `service:${ServiceName}` },
  }),
  update: async ({ ServiceName }) => ({
    physicalResourceId: `registration-${ServiceName}`,
    data: { RegisteredAs: `service:${ServiceName}` },
  }),
  delete: async () => undefined,
});
