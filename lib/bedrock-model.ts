/**
 * Which Bedrock model a brokerage's functions call, and where a call may be served. Current Claude
 * models are invoked through cross-Region inference profiles (`us.`, `eu.`, `apac.`, `global.` before
 * the model id); the function's role then needs `bedrock:InvokeModel` on the profile and on the
 * foundation model in every Region the profile routes to.
 */

/** A small, fast Claude model whose profiles exist in every geography (Bedrock model card, Claude Haiku 4.5). */
export const defaultFoundationModelId = 'anthropic.claude-haiku-4-5-20251001-v1:0';

export const inferenceGeographies = ['us', 'eu', 'apac', 'global'] as const;
export type InferenceGeography = (typeof inferenceGeographies)[number];

/**
 * Destination Regions of the geographic profiles of the default model (Bedrock's model card for
 * Claude Haiku 4.5). Another model's profile may route elsewhere: `aws bedrock get-inference-profile
 * --inference-profile-identifier <id>` lists them, and `bedrockModelRegions` in the config replaces these.
 */
export const profileDestinationRegions: Record<Exclude<InferenceGeography, 'global'>, readonly string[]> = {
  us: ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2'],
  eu: ['eu-central-1', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-3'],
  apac: [
    'ap-northeast-1',
    'ap-northeast-2',
    'ap-northeast-3',
    'ap-south-1',
    'ap-south-2',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-4',
  ],
};

/** A model id as the config accepts it: a foundation model id, optionally behind a profile prefix. */
export const bedrockModelIdPattern = /^(?:(us|eu|apac|global)\.)?([a-z0-9-]+\.[a-z0-9-]+(?::[a-z0-9]+)*)$/;

/** The geography whose profile a stack in `region` invokes: its own, or `global` where none covers it. */
export const geographyForRegion = (region: string): InferenceGeography => {
  if (region.startsWith('us-') && !region.startsWith('us-gov-')) return 'us';
  if (region.startsWith('eu-')) return 'eu';
  if (region.startsWith('ap-')) return 'apac';
  return 'global';
};

/** The default model for a stack in `region`: Claude Haiku 4.5 through the profile of the Region's geography. */
export const defaultModelIdFor = (region: string): string =>
  `${geographyForRegion(region)}.${defaultFoundationModelId}`;

export type BedrockModelTarget =
  | { kind: 'foundationModel'; foundationModelId: string }
  | { kind: 'profile'; geography: InferenceGeography; profileId: string; foundationModelId: string };

/** What a configured id names: a foundation model invoked in the stack's Region, or a profile and its model. */
export const bedrockModelTarget = (modelId: string): BedrockModelTarget => {
  const match = bedrockModelIdPattern.exec(modelId);
  if (!match?.[2]) throw new Error(`Not a Bedrock model or inference profile id: ${modelId}`);
  const [, geography, foundationModelId] = match;
  if (!geography) return { kind: 'foundationModel', foundationModelId };
  return {
    kind: 'profile',
    geography: geography as InferenceGeography,
    profileId: modelId,
    foundationModelId,
  };
};
