import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const dynamoDbLocal = ['test/helpers/global-setup.ts'];
// `MUTATION_PROJECTS=unit` leaves DynamoDB Local out when only domain code is mutated.
const projects = (process.env.MUTATION_PROJECTS ?? 'unit,integration').split(',');

/**
 * What Stryker runs against each mutant: the unit tests, and the integration tests that exercise the
 * DynamoDB adapters on DynamoDB Local. Workflow and infra tests are left out (slow, and they kill no
 * mutant the others miss).
 */
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: (
      [
        { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
        {
          extends: true,
          test: {
            name: 'integration',
            include: ['test/integration/**/*.test.ts'],
            globalSetup: dynamoDbLocal,
          },
        },
      ] satisfies TestProjectInlineConfiguration[]
    ).filter((project) => projects.includes(project.test.name)),
  },
});
