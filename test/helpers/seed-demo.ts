/**
 * Seeds the test API's table as `npm start` does: the same wiring, on the table the API serves.
 * Call after `startTestApi` (the wiring reads its environment).
 */
export const seedDemoAsNpmStart = async () => {
  const { scoringLeadDeps } = await import('../../lambdas/shared/intelligence-wiring');
  const { taskDeps } = await import('../../lambdas/shared/task-wiring');
  const { listingDeps } = await import('../../lambdas/shared/listing-wiring');
  const { seedDemoData } = await import('../../lib/local/seed');
  return seedDemoData(scoringLeadDeps(), { tasks: taskDeps().tasks, listings: listingDeps().listings });
};
