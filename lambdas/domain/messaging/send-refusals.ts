import { ConflictError, UnavailableError, UnprocessableError } from '../errors';

/** The lead withdrew WhatsApp consent (STOP or WhatsApp's own setting): nothing is sent there until they opt in. */
export class LeadOptedOutError extends UnprocessableError {
  constructor() {
    super('The lead opted out of WhatsApp messages; nothing can be sent there until they opt in again', {
      reason: 'opted_out',
    });
  }
}

export class NoWhatsAppNumberError extends UnprocessableError {
  constructor() {
    super('The lead has no phone number to message on WhatsApp; add one first', { reason: 'no_phone' });
  }
}

/** WhatsApp already reported the number undeliverable (131026 and kin); a new number clears it. */
export class UndeliverableNumberError extends UnprocessableError {
  constructor() {
    super("WhatsApp cannot deliver to the lead's number; check it or use another channel", {
      reason: 'undeliverable_number',
    });
  }
}

/** The first request with this Idempotency-Key has not finished (or its outcome is unknown). */
export class IdempotentRequestInProgressError extends ConflictError {
  constructor() {
    super(
      'A request with this Idempotency-Key is still being processed; check the timeline before retrying',
      {
        reason: 'idempotency_key_in_use',
      },
    );
  }
}

/** The stack's Meta secret has no Page access token, so Lead Ads forms cannot be read. */
export class PageAccessTokenMissingError extends UnavailableError {
  constructor() {
    super(
      "Lead Ads forms cannot be read yet: a Page access token with leads_retrieval goes in the stack's Meta secret as pageAccessToken",
      3600,
    );
  }
}

/** The stack's WhatsApp secret still lacks Meta's access token or phone number id. */
export class WhatsAppNotConfiguredError extends UnavailableError {
  constructor() {
    super(
      "WhatsApp is not set up for this brokerage yet: the access token and phone number id from Meta go in the stack's WhatsApp secret",
      3600,
    );
  }
}
