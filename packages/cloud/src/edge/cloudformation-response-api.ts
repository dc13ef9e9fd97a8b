import type { CustomResourceResponses } from '../stacks/custom-resource-responses.js';
import type { EdgeRoute } from './edge-route.js';

/**
 * The ResponseURLs of custom resource requests. CloudFormation's are presigned S3 URLs, so the
 * answers look like S3's: an empty 200, or an XML error for a URL nobody waits on any more.
 */
export function cloudFormationResponseRoutes(responses: CustomResourceResponses): EdgeRoute[] {
  return [
    {
      method: 'PUT',
      pattern: /^\/_motorcade\/cloudformation\/responses\/([0-9a-f-]{36})$/,
      handle: (request, match) => {
        try {
          if (!responses.accept(match[1] as string, request.body)) {
            return {
              status: 403,
              headers: { 'content-type': 'application/xml' },
              body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
            };
          }
          return { status: 200 };
        } catch (error) {
          return {
            status: 400,
            headers: { 'content-type': 'application/xml' },
            body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InvalidRequest</Code><Message>${escapeXml((error as Error).message)}</Message></Error>`,
          };
        }
      },
    },
  ];
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
