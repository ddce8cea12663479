import {
  CreatePlatformEndpointCommand,
  DeleteEndpointCommand,
  EndpointDisabledException,
  InvalidParameterException,
  PublishCommand,
  SetEndpointAttributesCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSnsPush } from '../../../../lambdas/adapters/push/sns-push';
import type { Device } from '../../../../lambdas/ports/push';

const sns = mockClient(SNSClient);
const iosApp = 'arn:aws:sns:us-east-1:123456789012:app/APNS/demo-realty';
const endpointArn =
  'arn:aws:sns:us-east-1:123456789012:endpoint/APNS/demo-realty/5e3a1c2d-0000-4000-8000-000000000001';
const push = createSnsPush({ client: new SNSClient({ region: 'us-east-1' }), applications: { ios: iosApp } });
const device: Device = {
  agentId: 'agent-1',
  deviceId: 'AbCdEfGhIjKlMnOpQrStUv',
  platform: 'ios',
  token: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
  endpointArn,
  registeredAt: '2026-11-25T09:30:00.000Z',
};
const message = {
  title: 'A hot lead replied',
  body: 'Your hot lead answered on WhatsApp.',
  data: { leadId: 'L1' },
};

describe('SNS mobile push', () => {
  beforeEach(() => sns.reset());

  it('makes a platform endpoint for a token on the platform’s application', async () => {
    sns.on(CreatePlatformEndpointCommand).resolves({ EndpointArn: endpointArn });
    const { agentId, deviceId, platform, token, registeredAt } = device;
    expect(await push.register({ agentId, deviceId, platform, token, registeredAt })).toEqual({
      endpointArn,
    });
    expect(sns).toHaveReceivedCommandWith(CreatePlatformEndpointCommand, {
      PlatformApplicationArn: iosApp,
      Token: device.token,
    });
  });

  it('takes over the endpoint SNS already has for the token, enabled again', async () => {
    sns.on(CreatePlatformEndpointCommand).rejects(
      new InvalidParameterException({
        $metadata: {},
        message: `Invalid parameter: Token Reason: Endpoint ${endpointArn} already exists with the same Token, but different attributes.`,
      }),
    );
    sns.on(SetEndpointAttributesCommand).resolves({});
    const { endpointArn: _, ...fresh } = device;
    expect(await push.register(fresh)).toEqual({ endpointArn });
    expect(sns).toHaveReceivedCommandWith(SetEndpointAttributesCommand, {
      EndpointArn: endpointArn,
      Attributes: expect.objectContaining({ Enabled: 'true', Token: device.token }),
    });
  });

  it('refuses a platform the brokerage has no application for', async () => {
    await expect(push.register({ ...device, platform: 'android' })).rejects.toThrow(/android/);
    expect(sns).not.toHaveReceivedCommand(CreatePlatformEndpointCommand);
  });

  it('publishes one JSON message with the APNs and FCM forms', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    expect(await push.send(device, message)).toBe('sent');
    const sent = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(sent).toMatchObject({ TargetArn: endpointArn, MessageStructure: 'json' });
    const payload = JSON.parse(sent?.Message ?? '{}');
    expect(JSON.parse(payload.APNS).aps.alert).toEqual({ title: message.title, body: message.body });
    expect(JSON.parse(payload.GCM).fcmV1Message.message.data).toEqual({ leadId: 'L1' });
  });

  it('reports a disabled endpoint gone, so the device is forgotten', async () => {
    sns
      .on(PublishCommand)
      .rejects(new EndpointDisabledException({ $metadata: {}, message: 'Endpoint is disabled' }));
    expect(await push.send(device, message)).toBe('gone');
  });

  it('passes other failures on', async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' }));
    await expect(push.send(device, message)).rejects.toThrow('Rate exceeded');
  });

  it('deletes the endpoint when the device is unregistered', async () => {
    sns.on(DeleteEndpointCommand).resolves({});
    await push.unregister(device);
    expect(sns).toHaveReceivedCommandWith(DeleteEndpointCommand, { EndpointArn: endpointArn });
  });
});
