import { type EdgeRoute, jsonResponse } from '../edge/edge-route.js';
import type { EnvironmentResolver } from '../edge/environment-resolver.js';
import type { CloudEnvironment } from '../environment.js';
import { CloudError } from '../errors.js';
import { ScheduleErrorCode } from './schedule-errors.js';
import type { SchedulesService } from './schedules-service.js';

/**
 * The local cloud's own schedule API: `GET /_motorcade/schedules?env=` lists the deployed rules and
 * schedules with their next firing; `POST /_motorcade/schedules/trigger?env=&stack=&logicalId=`
 * fires one now (what `motorcade trigger` calls), so nobody waits a minute for a cron.
 */
export function schedulesApiRoutes(resolver: EnvironmentResolver): EdgeRoute[] {
  const schedules = (name: string | null): SchedulesService =>
    environment(resolver, name).service('schedules');
  return [
    {
      method: 'GET',
      pattern: /^\/_motorcade\/schedules$/,
      handle: (request) =>
        guarded(() => jsonResponse(200, { schedules: schedules(request.query.get('env')).list() })),
    },
    {
      method: 'POST',
      pattern: /^\/_motorcade\/schedules\/trigger$/,
      handle: (request) =>
        guarded(async () => {
          const stack = request.query.get('stack');
          const logicalId = request.query.get('logicalId');
          if (!stack || !logicalId) {
            return jsonResponse(400, {
              code: 'INVALID_REQUEST',
              message: 'trigger needs the stack and logicalId query parameters',
            });
          }
          return jsonResponse(200, await schedules(request.query.get('env')).trigger(stack, logicalId));
        }),
    },
  ];
}

function environment(resolver: EnvironmentResolver, name: string | null): CloudEnvironment {
  const env = resolver.byName(name);
  if (!env) throw new CloudError('ENVIRONMENT_NOT_FOUND', `This local cloud runs no environment '${name}'`);
  return env;
}

/** Known failures become `{code, message}` with a fitting status; anything else is the edge's 500. */
async function guarded(
  handle: () => ReturnType<EdgeRoute['handle']>,
): Promise<Awaited<ReturnType<EdgeRoute['handle']>>> {
  try {
    return await handle();
  } catch (error) {
    if (!(error instanceof CloudError)) throw error;
    const notFound =
      error.code === ScheduleErrorCode.NOT_FOUND ||
      error.code === 'ENVIRONMENT_NOT_FOUND' ||
      error.code === 'SERVICE_NOT_RUNNING';
    return jsonResponse(notFound ? 404 : 400, { code: error.code, message: error.message });
  }
}
