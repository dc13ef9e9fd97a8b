/**
 * A CloudFormation custom resource provider: every stack that declares a `Custom::Registration`
 * is registered on deploy and unregistered on delete. It always answers the ResponseURL, even
 * when it fails, so a deploy never waits for a reply that will not come.
 */
interface CustomResourceEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceProperties: { ServiceName?: string };
}

export const handler = async (event: CustomResourceEvent): Promise<void> => {
  const name = event.ResourceProperties.ServiceName;
  const reply = {
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    PhysicalResourceId: event.PhysicalResourceId ?? `registration-${name ?? 'unnamed'}`,
  };
  const body =
    name || event.RequestType === 'Delete'
      ? { ...reply, Status: 'SUCCESS', Data: { RegisteredAs: `service:${name}` } }
      : { ...reply, Status: 'FAILED', Reason: 'ServiceName is required' };
  console.log(`${event.RequestType} registration of ${name ?? '(no name)'}: ${body.Status}`);
  await fetch(event.ResponseURL, { method: 'PUT', body: JSON.stringify(body) });
};
