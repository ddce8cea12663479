import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';

const containerLogger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'lead-crm' });
const invocationLogger = new AsyncLocalStorage<Logger>();

/**
 * Runs one invocation with a logger of its own: its context (function name, request id, keys it
 * appends) stays on its own lines even when invocations overlap in one process, as they do locally.
 */
export const withInvocationLogger = <T>(run: () => Promise<T>): Promise<T> =>
  invocationLogger.run(containerLogger.createChild(), run);

/** Properties set on `logger` itself (a test's spy) win over both loggers. */
const overrides: Record<PropertyKey, PropertyDescriptor> = {};

/**
 * The structured logger: the current invocation's, or the container's outside one. Never log phone
 * numbers, emails or message bodies.
 */
export const logger: Logger = new Proxy(containerLogger, {
  get(container, property) {
    const override = overrides[property];
    if (override) return override.get ? override.get.call(logger) : override.value;
    const current = invocationLogger.getStore() ?? container;
    const value: unknown = Reflect.get(current, property, current);
    return typeof value === 'function' ? value.bind(current) : value;
  },
  set(_container, property, value) {
    overrides[property] = { value, writable: true, enumerable: true, configurable: true };
    return true;
  },
  defineProperty(_container, property, descriptor) {
    overrides[property] = { ...descriptor, configurable: true };
    return true;
  },
  deleteProperty(_container, property) {
    delete overrides[property];
    return true;
  },
  getOwnPropertyDescriptor(container, property) {
    return overrides[property] ?? Reflect.getOwnPropertyDescriptor(container, property);
  },
});
