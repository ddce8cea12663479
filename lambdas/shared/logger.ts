import { Logger } from '@aws-lambda-powertools/logger';

/** One structured logger per container. Never log phone numbers, emails or message bodies. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'lead-crm' });
