import { defineConfig } from 'vitest/config';

const dynamoDbLocal = ['test/helpers/global-setup.ts'];

/**
 * Four projects, run together by `npm test`: unit tests need nothing but Node (`npm run test:unit`
 * is the fast loop); integration and workflow tests start DynamoDB Local; infra tests synthesize the stack.
 */
export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // The SDK warns on every Node 20 process about its future Node floor; tests do not need the noise.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], globalSetup: dynamoDbLocal },
      },
      {
        extends: true,
        test: { name: 'workflow', include: ['test/workflow/**/*.test.ts'], globalSetup: dynamoDbLocal },
      },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'] } },
    ],
  },
});
