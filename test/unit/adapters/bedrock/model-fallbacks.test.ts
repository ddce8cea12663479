import 'aws-sdk-client-mock-vitest/extend';
import {
  AccessDeniedException,
  BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandOutput,
  ResourceNotFoundException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBedrockContentAnalyzer } from '../../../../lambdas/adapters/bedrock/bedrock-content-analyzer';
import { createBedrockDraftWriter } from '../../../../lambdas/adapters/bedrock/bedrock-draft-writer';
import { createModelHealth } from '../../../../lambdas/adapters/bedrock/model-health';
import type { BusinessMetricName } from '../../../../schemas/metrics';
import type { ModelFallbackReason } from '../../../../schemas/model-fallback';

const HAIKU = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const MESSAGE = 'Hi, we would like to view the 3-bed on Elm Street this weekend. Budget around $450k.';
const bedrock = mockClient(BedrockRuntimeClient);

/** Bedrock's errors as the SDK raises them: the exception class with the message AWS sends. */
const meta = { $metadata: { httpStatusCode: 400, requestId: 'a1b2c3d4-0000-4000-8000-000000000001' } };
const recorded: Array<[string, () => Error, ModelFallbackReason]> = [
  [
    'IAM refuses a Region the profile routed to',
    () =>
      new AccessDeniedException({
        ...meta,
        message: `User: arn:aws:sts::123456789012:assumed-role/LeadCrm-acme-CreateLeadRole/LeadCrm-acme-CreateLead is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-2::foundation-model/${HAIKU} because no identity-based policy allows the bedrock:InvokeModel action`,
      }),
    'not_authorized',
  ],
  [
    "the first call's Marketplace subscription cannot be completed",
    () =>
      new AccessDeniedException({
        ...meta,
        message:
          'Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model. Refer to the Amazon Bedrock documentation for further details. Your AWS Marketplace subscription for this model cannot be completed at this time. If you recently fixed this issue, try again after 2 minutes.',
      }),
    'no_model_access',
  ],
  [
    'the account has no access to the model',
    () =>
      new AccessDeniedException({
        ...meta,
        message: "You don't have access to the model with the specified model ID.",
      }),
    'no_model_access',
  ],
  [
    'the model reached its end of life',
    () =>
      new ResourceNotFoundException({
        ...meta,
        message:
          'This model version has reached the end of its life. Please refer to the AWS documentation for more details.',
      }),
    'model_unavailable',
  ],
  [
    'the model is Legacy for an account that has not used it lately',
    () =>
      new ResourceNotFoundException({
        ...meta,
        message:
          'Access denied. This Model is marked by provider as Legacy and you have not been actively using the model in the last 30 days. Please upgrade to an active model on Amazon Bedrock',
      }),
    'model_unavailable',
  ],
  [
    'the model is only served through an inference profile',
    () =>
      new ValidationException({
        ...meta,
        message: `Invocation of model ID ${HAIKU} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
      }),
    'profile_required',
  ],
  [
    'the model id is not one Bedrock knows',
    () => new ValidationException({ ...meta, message: 'The provided model identifier is invalid.' }),
    'model_unavailable',
  ],
  [
    'Bedrock keeps throttling',
    () =>
      new ThrottlingException({ ...meta, message: 'Too many requests, please wait before trying again.' }),
    'throttled',
  ],
  [
    'Bedrock is unavailable',
    () => new ServiceUnavailableException({ ...meta, message: 'Bedrock is unable to process your request.' }),
    'error',
  ],
];

/** The business metrics port, recording what was counted. */
const recordingMetrics = () => {
  const counted: Array<{ metric: BusinessMetricName; dimensions?: Record<string, string> }> = [];
  return {
    counted,
    count: (metric: BusinessMetricName, _value?: number, dimensions?: Record<string, string>) => {
      counted.push({ metric, ...(dimensions && { dimensions }) });
    },
  };
};
const silentLog = { warn: () => {} };

const analyzerWith = (metrics: ReturnType<typeof recordingMetrics>, timeoutMs = 3000) => {
  const health = createModelHealth(metrics, silentLog);
  return createBedrockContentAnalyzer({
    client: new BedrockRuntimeClient({ region: 'us-east-1', maxAttempts: 1 }),
    modelId: `us.${HAIKU}`,
    timeoutMs,
    retryBaseDelayMs: 1,
    random: () => 0.5,
    onAnswer: () => health.answered(),
    onError: (error, context) => context.reason && health.fellBack(context.reason, error, 'content analysis'),
  });
};

const toolAnswer: ConverseCommandOutput = {
  $metadata: { httpStatusCode: 200 },
  output: {
    message: {
      role: 'assistant',
      content: [
        {
          toolUse: {
            toolUseId: 'tooluse_1',
            name: 'record_lead_analysis',
            input: {
              urgency: 0.7,
              timeframe: 'this_week',
              intents: ['viewing'],
              financing: 'unknown',
              seriousness: 0.8,
              authority: 0.7,
              language: 'en',
            },
          },
        },
      ],
    },
  },
  stopReason: 'tool_use',
  usage: { inputTokens: 600, outputTokens: 80, totalTokens: 680 },
  metrics: { latencyMs: 410 },
};

beforeEach(() => {
  bedrock.reset();
});

describe('content analysis that falls back to the rules is counted by reason', () => {
  it.each(recorded)('counts a fallback when %s', async (_case, error, reason) => {
    bedrock.on(ConverseCommand).rejects(error());
    const metrics = recordingMetrics();

    const analysis = await analyzerWith(metrics).analyze({ text: MESSAGE, leadName: 'Dana Lee' });

    expect(analysis.provider).toBe('heuristic');
    expect(metrics.counted).toEqual([{ metric: 'ModelFallback', dimensions: { reason } }]);
  });

  it('counts a timeout when the model does not answer within its budget', async () => {
    bedrock.on(ConverseCommand).callsFake(() => new Promise(() => {}));
    const metrics = recordingMetrics();

    const analysis = await analyzerWith(metrics, 20).analyze({ text: MESSAGE, leadName: 'Dana Lee' });

    expect(analysis).toMatchObject({ provider: 'heuristic', fallbackReason: 'timeout' });
    expect(metrics.counted).toEqual([{ metric: 'ModelFallback', dimensions: { reason: 'timeout' } }]);
  });

  it('tells the agent only the coarse reason a score records', async () => {
    bedrock.on(ConverseCommand).rejects(recorded[1]?.[1]());

    const analysis = await analyzerWith(recordingMetrics()).analyze({ text: MESSAGE, leadName: 'Dana Lee' });

    expect(analysis.fallbackReason).toBe('error');
  });

  it('counts an answer, and no fallback, when the model answers', async () => {
    bedrock.on(ConverseCommand).resolves(toolAnswer);
    const metrics = recordingMetrics();

    const analysis = await analyzerWith(metrics).analyze({ text: MESSAGE, leadName: 'Dana Lee' });

    expect(analysis.provider).toBe('bedrock');
    expect(metrics.counted).toEqual([{ metric: 'ModelAnswered' }]);
  });
});

describe('drafts the model could not write are counted by reason', () => {
  const draft = (metrics: ReturnType<typeof recordingMetrics>) => {
    const health = createModelHealth(metrics, silentLog);
    return createBedrockDraftWriter({
      client: new BedrockRuntimeClient({ region: 'us-east-1', maxAttempts: 1 }),
      modelId: `us.${HAIKU}`,
      retryBaseDelayMs: 1,
      random: () => 0.5,
      onAnswer: () => health.answered(),
      onFailure: (reason, error) => health.fellBack(reason, error, 'draft'),
    }).write(
      {
        channel: 'whatsapp',
        delay: { minutes: 60, after: 'enrolment' },
        conditions: [],
        message: { aiDraft: true },
      },
      { channel: 'whatsapp', leadName: 'Dana Lee', agentName: 'Sam Ortiz', leadMessages: [MESSAGE] },
    );
  };

  it('counts a profile-required refusal and still fails the draft, so the template writes it', async () => {
    bedrock.on(ConverseCommand).rejects(recorded[5]?.[1]());
    const metrics = recordingMetrics();

    await expect(draft(metrics)).rejects.toThrow(/inference profile/);
    expect(metrics.counted).toEqual([
      { metric: 'ModelFallback', dimensions: { reason: 'profile_required' } },
    ]);
  });

  it('counts an answer when the model writes the draft', async () => {
    bedrock.on(ConverseCommand).resolves({
      ...toolAnswer,
      output: {
        message: {
          role: 'assistant',
          content: [{ text: '{"text":"Hi Dana, when suits you for a viewing?"}' }],
        },
      },
      stopReason: 'end_turn',
    });
    const metrics = recordingMetrics();

    await expect(draft(metrics)).resolves.toMatchObject({ text: 'Hi Dana, when suits you for a viewing?' });
    expect(metrics.counted).toEqual([{ metric: 'ModelAnswered' }]);
  });
});
