import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { Aedes, type AuthenticateError, type Client, type PublishPacket } from 'aedes';
import type { CloudEnvironment } from '../environment.js';
import type { LogSink } from '../lambda/types.js';
import { DeviceAuthorizer } from './device-authorizer.js';
import { IotError, IotErrorCode } from './iot-errors.js';
import { type IotAction, IotPolicy } from './iot-policy.js';
import type { IotService } from './iot-service.js';

/** How the broker is set up. */
export interface MqttBrokerOptions {
  /** The environment the broker belongs to (the default, first one): its rules, functions and account. */
  readonly environment: CloudEnvironment;
  /**
   * The device authorizer: `<service>.<LogicalId>` (the environment's `iot.authorizer` in the project
   * config), a function name or an ARN. Without one every client may connect, publish and subscribe.
   */
  readonly authorizer?: string;
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string;
  /** Where refused connections and denied actions are reported. */
  readonly logSink?: LogSink;
}

/** What one connection may do, from its authorizer. */
interface Session {
  readonly clientId: string;
  readonly principal?: string;
  policy: IotPolicy;
  readonly timers: NodeJS.Timeout[];
}

/** AWS IoT Core's limit on client ids. */
const MAX_CLIENT_ID_LENGTH = 128;

/**
 * The AWS IoT Core stand-in: an MQTT 3.1.1 broker (aedes) whose devices authenticate through the
 * configured custom authorizer function, whose returned IoT policies are enforced for connect,
 * publish, subscribe and receive, and whose every accepted message runs through the environment's
 * topic rules. As on IoT Core, QoS 2 is refused, a publish the policy denies disconnects the client,
 * a subscription it denies gets the SUBACK failure code, and a QoS 1 publish is acknowledged once
 * the matching rules' actions have been handed over.
 *
 * @example
 * const broker = new MqttBroker({ environment: cloud.environments[0], authorizer: 'devices.DeviceAuthorizer' });
 * const port = await broker.listen(1883, { fallbackToFreePort: true });
 */
export class MqttBroker {
  readonly #options: MqttBrokerOptions;
  readonly #authorizer: DeviceAuthorizer | undefined;
  readonly #sessions = new WeakMap<Client, Session>();
  #aedes: Aedes | undefined;
  #server: Server | undefined;
  #port = 0;

  constructor(options: MqttBrokerOptions) {
    this.#options = options;
    this.#authorizer = options.authorizer
      ? new DeviceAuthorizer(options.environment, options.authorizer)
      : undefined;
  }

  /**
   * Starts listening on `port` (0 picks a free one). With `fallbackToFreePort`, a port already in use
   * is replaced by a free one instead of failing. Resolves with the port.
   */
  async listen(port = 1883, options: { readonly fallbackToFreePort?: boolean } = {}): Promise<number> {
    const aedes = await Aedes.createBroker({
      maxClientsIdLength: MAX_CLIENT_ID_LENGTH,
      authenticate: (client, username, password, done) => {
        void this.#authenticate(client, username, password).then(
          (error) => done(error, error === null),
          (error: unknown) =>
            done(refusal(`the authorizer could not be asked: ${(error as Error).message}`), false),
        );
      },
      authorizePublish: (client, packet, done) => {
        void this.#authorizePublish(client, packet).then(
          () => done(null),
          (error: unknown) => done(error as Error),
        );
      },
      authorizeSubscribe: (client, subscription, done) => {
        if (!this.#allows(client, 'iot:Subscribe', `topicfilter/${subscription.topic}`)) {
          this.#log(`${client.id} may not subscribe to ${subscription.topic} (iot:Subscribe denied)`);
          done(null, null);
          return;
        }
        // IoT Core has no QoS 2: it grants QoS 1 at most.
        done(null, { ...subscription, qos: Math.min(subscription.qos, 1) as 0 | 1 });
      },
      authorizeForward: (client, packet) =>
        this.#allows(client, 'iot:Receive', `topic/${packet.topic}`) ? packet : null,
    });
    aedes.on('clientDisconnect', (client) => this.#endSession(client));
    this.#aedes = aedes;
    const host = this.#options.host ?? '127.0.0.1';
    try {
      this.#server = await listenOn(port, host, aedes);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !options.fallbackToFreePort) {
        await new Promise<void>((resolve) => aedes.close(() => resolve()));
        throw new IotError(
          IotErrorCode.BROKER_LISTEN_FAILED,
          `The MQTT broker cannot listen on ${host}:${port}: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      this.#server = await listenOn(0, host, aedes);
    }
    const address = this.#server.address();
    this.#port = typeof address === 'object' && address ? address.port : port;
    return this.#port;
  }

  get port(): number {
    return this.#port;
  }

  /** `mqtt://<host>:<port>`, for devices and `motorcade dev`'s banner. */
  get url(): string {
    return `mqtt://${this.#options.host ?? '127.0.0.1'}:${this.#port}`;
  }

  async close(): Promise<void> {
    const aedes = this.#aedes;
    const server = this.#server;
    if (aedes) await new Promise<void>((resolve) => aedes.close(() => resolve()));
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    this.#aedes = undefined;
    this.#server = undefined;
  }

  /** Resolves with null when the client may connect, else the CONNACK refusal. */
  async #authenticate(
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
  ): Promise<AuthenticateError | null> {
    if (!this.#authorizer) {
      this.#sessions.set(client, { clientId: client.id, policy: IotPolicy.allowAll(), timers: [] });
      return null;
    }
    const request = {
      clientId: client.id,
      connectionId: randomUUID(),
      ...(username === undefined ? {} : { username }),
      ...(password === undefined ? {} : { password }),
    };
    const outcome = await this.#authorizer.authorize(request);
    if (!outcome.authenticated) {
      this.#log(`refused the connection of ${client.id}: ${outcome.reason}`);
      return refusal(outcome.reason);
    }
    const { authorization } = outcome;
    const session: Session = {
      clientId: client.id,
      principal: authorization.principalId,
      policy: authorization.policy,
      timers: [],
    };
    if (
      !authorization.policy.allows('iot:Connect', this.#arn(`client/${client.id}`), { clientId: client.id })
    ) {
      this.#log(`refused the connection of ${client.id}: its policy does not allow iot:Connect`);
      return refusal('iot:Connect denied');
    }
    this.#sessions.set(client, session);
    if (authorization.disconnectAfterSeconds !== undefined) {
      session.timers.push(
        setTimeout(() => client.close(), authorization.disconnectAfterSeconds * 1000).unref(),
      );
    }
    if (authorization.refreshAfterSeconds !== undefined)
      this.#scheduleRefresh(client, session, request, authorization.refreshAfterSeconds);
    return null;
  }

  /** IoT Core asks the authorizer again after refreshAfterInSeconds and applies the new policies. */
  #scheduleRefresh(
    client: Client,
    session: Session,
    request: Parameters<DeviceAuthorizer['authorize']>[0],
    afterSeconds: number,
  ): void {
    const timer = setTimeout(() => {
      void this.#authorizer?.authorize(request).then((outcome) => {
        if (!outcome.authenticated) {
          this.#log(`disconnected ${client.id} on policy refresh: ${outcome.reason}`);
          client.close();
          return;
        }
        session.policy = outcome.authorization.policy;
        if (outcome.authorization.refreshAfterSeconds !== undefined) {
          this.#scheduleRefresh(client, session, request, outcome.authorization.refreshAfterSeconds);
        }
      });
    }, afterSeconds * 1000).unref();
    session.timers.push(timer);
  }

  async #authorizePublish(client: Client | null, packet: PublishPacket): Promise<void> {
    if (client) {
      if (packet.topic.startsWith('$SYS')) throw new Error('$SYS topics are reserved');
      if (packet.qos === 2) {
        this.#log(`disconnected ${client.id}: AWS IoT Core does not support QoS 2 (topic ${packet.topic})`);
        throw new Error('QoS 2 is not supported');
      }
      if (!this.#allows(client, 'iot:Publish', `topic/${packet.topic}`)) {
        this.#log(`disconnected ${client.id}: it may not publish to ${packet.topic} (iot:Publish denied)`);
        throw new Error('iot:Publish denied');
      }
    }
    const session = client ? this.#sessions.get(client) : undefined;
    const payload =
      typeof packet.payload === 'string' ? Buffer.from(packet.payload) : Buffer.from(packet.payload);
    try {
      await this.#rules()?.publish({
        topic: packet.topic,
        payload,
        clientId: client?.id ?? '',
        ...(session?.principal ? { principal: session.principal } : {}),
        timestamp: Date.now(),
      });
    } catch (error) {
      this.#log(`the rules for ${packet.topic} failed: ${(error as Error).message}`);
    }
  }

  #allows(client: Client, action: IotAction, resource: string): boolean {
    const session = this.#sessions.get(client);
    if (!session) return false;
    return session.policy.allows(action, this.#arn(resource), { clientId: session.clientId });
  }

  #arn(resource: string): string {
    const { region, accountId } = this.#options.environment.settings;
    return `arn:aws:iot:${region}:${accountId}:${resource}`;
  }

  #rules(): IotService | undefined {
    try {
      return this.#options.environment.service<IotService>('iot');
    } catch {
      // Without the IoT service the broker still carries messages; there are just no rules to run.
      return undefined;
    }
  }

  #endSession(client: Client): void {
    const session = this.#sessions.get(client);
    for (const timer of session?.timers ?? []) clearTimeout(timer);
  }

  #log(line: string): void {
    this.#options.logSink?.({ functionName: 'mqtt-broker', line: `MQTT broker: ${line}` });
  }
}

/** CONNACK return code 5, "Not authorized". */
function refusal(message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode: 5 as const });
}

async function listenOn(port: number, host: string, aedes: Aedes): Promise<Server> {
  const server = createServer(aedes.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
