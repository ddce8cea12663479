import { describe, expect, it } from 'vitest';
import {
  analysisToolConfig,
  buildUserMessage,
  estimateTokens,
  fitTokenBudget,
  LEAD_TEXT_TOKEN_BUDGET,
  systemPrompt,
} from '../../../../lambdas/adapters/bedrock/analysis-prompt';

const promptTokens = (text: string) =>
  estimateTokens(systemPrompt[0]?.text ?? '') +
  estimateTokens(JSON.stringify(analysisToolConfig)) +
  estimateTokens(
    buildUserMessage(fitTokenBudget(text, LEAD_TEXT_TOKEN_BUDGET), 'Dana Lee').content?.[0]?.text ?? '',
  );

describe('the analysis prompt', () => {
  it('stays within about 800 input tokens for a very long English message', () => {
    expect(
      promptTokens('We are looking for a family home near good schools. '.repeat(400)),
    ).toBeLessThanOrEqual(850);
  });

  it('stays within about 800 input tokens for a very long Arabic message', () => {
    expect(promptTokens('نبحث عن بيت للعائلة قريب من المدارس. '.repeat(400))).toBeLessThanOrEqual(850);
  });

  it('keeps the opening and the latest words of a long message', () => {
    const fitted = fitTokenBudget(`OPENING ${'middle '.repeat(2000)}LATEST`, 100);

    expect(fitted.startsWith('OPENING')).toBe(true);
    expect(fitted.endsWith('LATEST')).toBe(true);
    expect(estimateTokens(fitted)).toBeLessThanOrEqual(101);
  });

  it('leaves a short message whole', () => {
    expect(fitTokenBudget('Can we view it tomorrow?', 100)).toBe('Can we view it tomorrow?');
  });

  it('offers the model a tool whose schema has no score to set', () => {
    const json = JSON.stringify(analysisToolConfig);

    expect(json).not.toMatch(/"score"/);
    expect(json).toContain(
      '"required":["urgency","timeframe","intents","financing","seriousness","authority","language"]',
    );
  });
});
