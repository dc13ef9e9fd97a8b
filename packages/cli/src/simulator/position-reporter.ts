import mqtt, { type MqttClient } from 'mqtt';
import type { LatLon } from './local-plane.js';

/** One fix as a tracker reports it. */
export interface Fix extends LatLon {
  readonly fixTime: Date;
  readonly speedKph: number;
  readonly heading: number;
  readonly accuracy: number;
  readonly battery: number;
}

/** How a tracker sends its fixes: OsmAnd over HTTP, or MQTT through the IoT Core stand-in. */
export interface PositionReporter {
  readonly transport: 'osmand' | 'mqtt';
  report(fix: Fix): Promise<void>;
  close(): Promise<void>;
}

/** A tracker's credentials, as the devices service issued them. */
export interface TrackerCredentials {
  readonly deviceId: string;
  readonly uniqueId: string;
  readonly secret: string;
}

const KNOTS_PER_KPH = 1 / 1.852;

/**
 * Reports like Traccar Client in its classic mode: `GET <server>/tracking/osmand?id=…&key=…&lat=…`,
 * speed in knots, the fix time in seconds.
 * @example
 * await osmandReporter(gateway, tracker).report(fix);
 */
export function osmandReporter(gateway: string, tracker: TrackerCredentials): PositionReporter {
  return {
    transport: 'osmand',
    async report(fix) {
      const query = new URLSearchParams({
        id: tracker.uniqueId,
        key: tracker.secret,
        lat: fix.lat.toFixed(6),
        lon: fix.lon.toFixed(6),
        timestamp: String(Math.floor(fix.fixTime.getTime() / 1000)),
        speed: (fix.speedKph * KNOTS_PER_KPH).toFixed(1),
        bearing: fix.heading.toFixed(0),
        accuracy: fix.accuracy.toFixed(0),
        batt: fix.battery.toFixed(0),
      });
      const response = await fetch(`${gateway}/tracking/osmand?${query}`, {
        signal: AbortSignal.timeout(10_000),
      });
      await response.text();
      if (!response.ok) throw new Error(`OsmAnd report → ${response.status}`);
    },
    async close() {},
  };
}

/**
 * Reports over MQTT as a tracker connected to IoT Core does: client id and user name are the
 * device id, the password its secret, fixes published at QoS 1 to `fleet/<deviceId>/position`.
 * @example
 * const reporter = await mqttReporter('mqtt://127.0.0.1:1883', tracker);
 */
export async function mqttReporter(url: string, tracker: TrackerCredentials): Promise<PositionReporter> {
  const client: MqttClient = await mqtt.connectAsync(url, {
    clientId: tracker.deviceId,
    username: tracker.deviceId,
    password: tracker.secret,
    reconnectPeriod: 2_000,
    connectTimeout: 10_000,
  });
  const topic = `fleet/${tracker.deviceId}/position`;
  return {
    transport: 'mqtt',
    async report(fix) {
      const payload = {
        lat: Number(fix.lat.toFixed(6)),
        lon: Number(fix.lon.toFixed(6)),
        fixTime: fix.fixTime.toISOString(),
        speedKph: Number(fix.speedKph.toFixed(1)),
        heading: Math.round(fix.heading),
        accuracy: Math.round(fix.accuracy),
        battery: Math.round(fix.battery),
      };
      await client.publishAsync(topic, JSON.stringify(payload), { qos: 1 });
    },
    async close() {
      await client.endAsync();
    },
  };
}
