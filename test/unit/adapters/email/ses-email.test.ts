import {
  AccountSuspendedException,
  InternalServiceErrorException,
  MailFromDomainNotVerifiedException,
  MessageRejected,
  SESv2Client,
  SendEmailCommand,
  SendingPausedException,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSesEmail } from '../../../../lambdas/adapters/email/ses-email';
import {
  ChannelUnavailableError,
  InvalidRecipientError,
  MessagingRejectedError,
  RateLimitedError,
} from '../../../../lambdas/domain/messaging/messaging-errors';
import { sesClient } from '../../../../lambdas/shared/clients/sesv2';

const ses = mockClient(SESv2Client);

const adapter = () =>
  createSesEmail({
    // One attempt: the retries are the SDK's; here each SES answer is seen as the adapter sees the last one.
    client: new SESv2Client({ region: 'us-east-1', maxAttempts: 1 }),
    from: 'Demo Realty <homes@demo-realty.example.com>',
    replyTo: 'replies@demo-realty.example.com',
    configurationSetName: 'LeadCrm-demo-Email',
  });

const message = {
  to: 'dana.lee@example.com',
  subject: 'The townhouse on Riverside Drive',
  text: 'Hi Dana,\n\nThe townhouse is still available. Shall I book a viewing on Saturday?\n\nSam',
  unsubscribeUrl: 'https://api.demo-realty.example.com/unsubscribe/u_3b1f0c9e7a2d4c58b6f1e0a9d2c7b4e8',
  leadId: '01JEXAMPLELEAD000000000001',
};

/** The shape SES v2 errors arrive in: the service's name, HTTP status and a request id. */
const sesError = <E>(Type: new (args: never) => E, status: number, text: string): E =>
  new Type({
    message: text,
    $metadata: { httpStatusCode: status, requestId: 'd5f2a7c0-0000-4000-8000-000000000001' },
  } as never);

beforeEach(() => ses.reset());

describe('createSesEmail', () => {
  it('sends text and HTML with the one-click unsubscribe headers, from the brokerage, replies to its receiving address', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: '0100018c-example-message-id-000000' });

    const sent = await adapter().send(message);

    expect(sent).toEqual({ messageId: '0100018c-example-message-id-000000' });
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      FromEmailAddress: 'Demo Realty <homes@demo-realty.example.com>',
      Destination: { ToAddresses: ['dana.lee@example.com'] },
      ReplyToAddresses: ['replies@demo-realty.example.com'],
      ConfigurationSetName: 'LeadCrm-demo-Email',
      EmailTags: [{ Name: 'leadId', Value: '01JEXAMPLELEAD000000000001' }],
    });
    const simple = ses.commandCalls(SendEmailCommand)[0]?.args[0].input.Content?.Simple;
    expect(simple?.Subject?.Data).toBe('The townhouse on Riverside Drive');
    expect(simple?.Headers).toEqual([
      { Name: 'List-Unsubscribe', Value: `<${message.unsubscribeUrl}>` },
      { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
    ]);
    expect(simple?.Body?.Text?.Data).toContain('Shall I book a viewing on Saturday?');
    expect(simple?.Body?.Text?.Data).toContain(message.unsubscribeUrl);
    expect(simple?.Body?.Html?.Data).toContain(`<a href="${message.unsubscribeUrl}">unsubscribe</a>`);
  });

  it('escapes the words in the HTML part', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    await adapter().send({ ...message, text: 'Price <b>under</b> 500k & a garden' });
    const html = ses.commandCalls(SendEmailCommand)[0]?.args[0].input.Content?.Simple?.Body?.Html?.Data;
    expect(html).toContain('Price &lt;b&gt;under&lt;/b&gt; 500k &amp; a garden');
  });

  it.each([
    [
      'MessageRejected for an unverified recipient (SES sandbox)',
      sesError(
        MessageRejected,
        400,
        'Email address is not verified. The following identities failed the check in region US-EAST-1: dana.lee@example.com',
      ),
      InvalidRecipientError,
    ],
    [
      'MessageRejected for content',
      sesError(MessageRejected, 400, 'Message contains a virus'),
      MessagingRejectedError,
    ],
    [
      'TooManyRequestsException',
      sesError(TooManyRequestsException, 429, 'Too Many Requests'),
      RateLimitedError,
    ],
    [
      'SendingPausedException',
      sesError(SendingPausedException, 400, 'Email sending is disabled for the configuration set'),
      ChannelUnavailableError,
    ],
    [
      'AccountSuspendedException',
      sesError(AccountSuspendedException, 400, 'Your account has been suspended'),
      MessagingRejectedError,
    ],
    [
      'MailFromDomainNotVerifiedException',
      sesError(MailFromDomainNotVerifiedException, 400, 'MAIL FROM domain is not verified'),
      MessagingRejectedError,
    ],
    [
      'InternalServiceErrorException (5xx)',
      sesError(InternalServiceErrorException, 500, 'Internal error'),
      ChannelUnavailableError,
    ],
  ])('maps %s to a typed email error that names no address', async (_name, error, Expected) => {
    ses.on(SendEmailCommand).rejects(error);

    const failure = await adapter()
      .send(message)
      .catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(Expected);
    expect(failure).toMatchObject({ channel: 'email' });
    expect((failure as Error).message).not.toContain('dana.lee@example.com');
  });

  it('maps a throttling error (Throttling, 400) to rate limited', async () => {
    const throttling = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
      $retryable: { throttling: true },
    });
    ses.on(SendEmailCommand).rejects(throttling);
    await expect(adapter().send(message)).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('says a timed-out send may have gone out', async () => {
    ses.on(SendEmailCommand).rejects(Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }));
    await expect(adapter().send(message)).rejects.toMatchObject({ mayHaveBeenSent: true, channel: 'email' });
  });

  it('sends through a client that tries at most three times (the SDK backs off with jitter)', async () => {
    const client = sesClient();
    expect(await client.config.maxAttempts()).toBe(3);
  });
});
