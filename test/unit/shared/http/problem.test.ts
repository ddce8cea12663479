import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionRequiredError,
  StaleVersionError,
  UnavailableError,
  UnprocessableError,
  ValidationError,
} from '../../../../lambdas/domain/errors';
import { DuplicateLeadError } from '../../../../lambdas/domain/leads/lead-errors';
import { HttpError } from '../../../../lambdas/shared/http/http-error';
import { issuesFromZod, toProblem } from '../../../../lambdas/shared/http/problem';
import { logger } from '../../../../lambdas/shared/logger';
import { problemSchema } from '../../../../schemas/api/common';
import { createLeadBody, duplicateLeadProblem } from '../../../../schemas/api/leads';
import { createMockLead } from '../../../helpers/factories';

/** The response as a client reads it: status, headers and the parsed problem document. */
const respond = (error: unknown) => {
  const response = toProblem(error);
  return {
    status: response.statusCode,
    headers: response.headers ?? {},
    problem: problemSchema.parse(JSON.parse(String(response.body))),
  };
};

const zodErrorFor = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the input to be refused');
  return result.error;
};

describe('toProblem', () => {
  beforeEach(() => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    [
      'ValidationError',
      new ValidationError([{ field: 'phone', message: 'is not a valid phone number' }]),
      400,
    ],
    ['NotFoundError', new NotFoundError('Lead'), 404],
    ['ConflictError', new ConflictError('This follow-up is already running'), 409],
    ['StaleVersionError', new StaleVersionError(3), 409],
    ['PreconditionRequiredError', new PreconditionRequiredError('Send If-Match'), 428],
    ['UnprocessableError', new UnprocessableError('The lead has no phone'), 422],
    ['UnavailableError', new UnavailableError('Scoring is busy', 30), 503],
    ['ForbiddenError', new ForbiddenError('Built-in sequences are read-only'), 403],
  ] as const)('answers %s with status %i as problem+json carrying the message', (_name, error, status) => {
    const { status: actual, headers, problem } = respond(error);

    expect(actual).toBe(status);
    expect(headers['content-type']).toBe('application/problem+json');
    expect(problem).toMatchObject({
      status,
      detail: error.message,
      type: expect.stringMatching(/^\/problems\//),
    });
  });

  it('names the failing fields of a ValidationError in errors', () => {
    const { problem } = respond(
      new ValidationError([
        { field: 'phone', message: 'is not a valid phone number' },
        { field: 'tags.2', message: 'is too long' },
      ]),
    );

    expect(problem.errors).toEqual([
      { field: 'phone', message: 'is not a valid phone number' },
      { field: 'tags.2', message: 'is too long' },
    ]);
  });

  it('tells a duplicate which lead already has the phone', () => {
    const existing = createMockLead();

    const { status, problem } = respond(new DuplicateLeadError(existing.leadId, 'phone'));

    expect(status).toBe(409);
    expect(duplicateLeadProblem.parse(problem)).toEqual({ existingLeadId: existing.leadId, field: 'phone' });
  });

  it('tells a stale write the version now stored', () => {
    expect(respond(new StaleVersionError(4)).problem).toMatchObject({ status: 409, currentVersion: 4 });
  });

  it('tells an unavailable caller when to retry', () => {
    expect(respond(new UnavailableError('Scoring is busy', 30)).headers['retry-after']).toBe('30');
  });

  it('answers an HttpError with its own status and named fields', () => {
    const { status, problem } = respond(
      new HttpError(400, 'Invalid request', 'If-Match must be a version', [
        { field: 'If-Match', message: 'must be a version number' },
      ]),
    );

    expect(status).toBe(400);
    expect(problem.errors).toEqual([{ field: 'If-Match', message: 'must be a version number' }]);
  });

  it('answers a ZodError with 400 naming each field', () => {
    const { status, problem } = respond(zodErrorFor(createLeadBody, { name: '' }));

    expect(status).toBe(400);
    expect(problem.errors).toEqual([{ field: 'name', message: expect.any(String) }]);
  });

  it('answers an unknown failure with a 500 that does not leak its message', () => {
    const failure = new Error('ProvisionedThroughputExceeded on table crm-prod for +1 212 555 0142');

    const response = toProblem(failure);

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('ProvisionedThroughputExceeded');
    expect(response.body).not.toContain('555 0142');
    expect(problemSchema.parse(JSON.parse(String(response.body)))).toMatchObject({ status: 500 });
    expect(logger.error).toHaveBeenCalledWith('Unhandled failure', { error: failure });
  });

  it('answers something thrown that is not an Error with a 500', () => {
    expect(respond('socket hang up').status).toBe(500);
  });
});

describe('issuesFromZod', () => {
  it('names nested fields by their path, as the client sent them', () => {
    const error = zodErrorFor(createLeadBody, {
      name: 'Sam Rivera',
      propertyInterest: { price: -250000 },
      tags: ['buyer', 'riverside', '   '],
    });

    expect(issuesFromZod(error).map((issue) => issue.field)).toEqual(['propertyInterest.price', 'tags.2']);
  });

  it('names each unknown key, nested ones by their path', () => {
    const error = zodErrorFor(createLeadBody, {
      name: 'Sam Rivera',
      nickname: 'Sammy',
      propertyInterest: { garden: true },
    });

    expect(issuesFromZod(error)).toEqual(
      expect.arrayContaining([
        { field: 'nickname', message: 'is not a known field' },
        { field: 'propertyInterest.garden', message: 'is not a known field' },
      ]),
    );
    expect(issuesFromZod(error)).toHaveLength(2);
  });

  it('puts a prefix in front of every field and names the whole part when it is the problem', () => {
    const nested = zodErrorFor(z.object({ limit: z.number() }), { limit: 'many' });
    const whole = zodErrorFor(z.object({ limit: z.number() }), 'not an object');

    expect(issuesFromZod(nested, 'query').map((issue) => issue.field)).toEqual(['query.limit']);
    expect(issuesFromZod(whole).map((issue) => issue.field)).toEqual(['body']);
    expect(issuesFromZod(whole, 'query').map((issue) => issue.field)).toEqual(['query']);
  });
});
