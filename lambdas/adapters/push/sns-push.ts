import {
  CreatePlatformEndpointCommand,
  DeleteEndpointCommand,
  PublishCommand,
  SetEndpointAttributesCommand,
  type SNSClient,
} from '@aws-sdk/client-sns';
import type { DevicePlatform, PushGateway, PushMessage } from '../../ports/push';

export interface SnsPushOptions {
  client: SNSClient;
  /** The brokerage's SNS platform applications (APNs for iOS, FCM for Android); a platform without one is refused. */
  applications: Partial<Record<DevicePlatform, string>>;
}

/** SNS names the endpoint that already holds a token when it refuses to make another with other attributes. */
const existingEndpoint = (error: unknown): string | undefined =>
  error instanceof Error && error.name === 'InvalidParameterException'
    ? /Endpoint (arn:aws[\w-]*:sns:\S+) already exists/.exec(error.message)?.[1]
    : undefined;

const isGone = (error: unknown) =>
  error instanceof Error &&
  (error.name === 'EndpointDisabledException' ||
    error.name === 'EndpointDisabled' ||
    (error.name === 'InvalidParameterException' && /no longer exists|does not exist/i.test(error.message)) ||
    error.name === 'NotFoundException');

/** The same notification as APNs and FCM (v1) each want it; `default` for anything else. */
const payloadOf = ({ title, body, data }: PushMessage) =>
  JSON.stringify({
    default: body,
    APNS: JSON.stringify({ aps: { alert: { title, body }, sound: 'default' }, ...data }),
    GCM: JSON.stringify({ fcmV1Message: { message: { notification: { title, body }, data } } }),
  });

/**
 * Mobile push through SNS: a platform endpoint per device token (made again with the token enabled
 * when SNS already knows the token), one Publish per notification, and a disabled endpoint reported
 * gone so the device is forgotten.
 */
export const createSnsPush = ({ client, applications }: SnsPushOptions): PushGateway => ({
  async register(device) {
    const application = applications[device.platform];
    if (!application) throw new Error(`No push platform application for ${device.platform}`);
    try {
      const { EndpointArn } = await client.send(
        new CreatePlatformEndpointCommand({
          PlatformApplicationArn: application,
          Token: device.token,
          CustomUserData: device.agentId,
        }),
      );
      return { ...(EndpointArn && { endpointArn: EndpointArn }) };
    } catch (error) {
      const endpointArn = existingEndpoint(error);
      if (!endpointArn) throw error;
      await client.send(
        new SetEndpointAttributesCommand({
          EndpointArn: endpointArn,
          Attributes: { Token: device.token, Enabled: 'true', CustomUserData: device.agentId },
        }),
      );
      return { endpointArn };
    }
  },

  async send(device, message) {
    if (!device.endpointArn) return 'gone';
    try {
      await client.send(
        new PublishCommand({
          TargetArn: device.endpointArn,
          MessageStructure: 'json',
          Message: payloadOf(message),
        }),
      );
      return 'sent';
    } catch (error) {
      if (isGone(error)) return 'gone';
      throw error;
    }
  },

  async unregister(device) {
    if (device.endpointArn) await client.send(new DeleteEndpointCommand({ EndpointArn: device.endpointArn }));
  },
});
