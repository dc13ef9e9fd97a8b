import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../event-bus/tests/integration/support/wait-for.js';
import type { Tenant } from '../../../users/tests/support/tenants.js';
import { TEST_OFFLINE_SECONDS, type TrackingCloud } from './support/tracking-cloud.js';
import { type FeedPosition, startTrackingSuite, type TrackingSuite } from './support/tracking-suite.js';

// What tracking sends out on its own: PositionFeed messages for the live maps and deviceOffline after a silence.
describe('tracking feed and presence', () => {
  let cloud: TrackingCloud;
  let acme: Tenant;
  let osmand: TrackingSuite['osmand'];
  let busEvents: TrackingSuite['busEvents'];

  beforeAll(async () => {
    ({ cloud, acme, osmand, busEvents } = await startTrackingSuite());
  }, 240_000);
  afterAll(async () => {
    await cloud?.close();
  });

  it('sends one PositionFeed message per organisation and request, with the new latest positions', async () => {
    // Prepare
    const phone = await cloud.register(acme, 'van-feed', 'phone-feed');

    // Act
    await osmand('GET', { id: phone.uniqueId, key: phone.secret, lat: '51.05', lon: '13.74', speed: '0' });
    const message = await waitFor(
      async () => {
        const { Messages = [] } = await cloud.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: cloud.feedQueueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
          }),
        );
        for (const received of Messages)
          await cloud.sqs.send(
            new DeleteMessageCommand({ QueueUrl: cloud.feedQueueUrl, ReceiptHandle: received.ReceiptHandle }),
          );
        return Messages.map(
          (received) => JSON.parse(received.Body ?? '{}') as { orgId: string; positions: FeedPosition[] },
        ).find((body) => body.positions.some((position) => position.vehicleId === 'van-feed'));
      },
      { what: 'the feed message of van-feed' },
    );

    // Assess
    expect(message).toEqual({
      orgId: acme.orgId,
      positions: [
        {
          vehicleId: 'van-feed',
          deviceId: phone.id,
          lat: 51.05,
          lon: 13.74,
          fixTime: expect.any(String),
          speedKph: 0,
          heading: null,
        },
      ],
    });
  });

  it('posts deviceOffline once for a device silent longer than the timeout', async () => {
    // Prepare
    const phone = await cloud.register(acme, 'van-offline', 'phone-offline');
    await osmand('GET', { id: phone.uniqueId, key: phone.secret, lat: '53.55', lon: '9.99' });
    await new Promise((resolve) => setTimeout(resolve, (TEST_OFFLINE_SECONDS + 1) * 1000));

    // Act
    await cloud.triggerSweep();
    const offline = await waitFor(async () => (await busEvents('deviceOffline', 'deviceId', phone.id))[0], {
      what: 'deviceOffline on the bus',
    });
    await cloud.triggerSweep();
    await new Promise((resolve) => setTimeout(resolve, 1000));

    // Assess
    expect(offline).toMatchObject({ deviceId: phone.id, orgId: acme.orgId, vehicleId: 'van-offline' });
    expect(await busEvents('deviceOffline', 'deviceId', phone.id)).toHaveLength(1);
  });
});
