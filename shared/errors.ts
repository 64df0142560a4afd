// Typed domain errors. Handlers throw these; the one middleware stack turns them into
// HTTP statuses with the stable body `{ error: { code, message, fields } }`.

export interface FieldIssue {
  path: string;
  reason: string;
}

export interface ErrorBody {
  error: { code: string; message: string; fields: FieldIssue[]; correlationId?: string };
}

export class DomainError extends Error {
  /** Extra response headers, such as Retry-After. */
  headers: Record<string, string> = {};
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldIssue[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequest extends DomainError {
  constructor(message: string, fields: FieldIssue[] = [], code = 'invalid_request') {
    super(400, code, message, fields);
  }
}
export class Unauthorized extends DomainError {
  constructor(message = 'Sign-in required') {
    super(401, 'unauthorized', message);
  }
}
export class Forbidden extends DomainError {
  constructor(message = 'Not allowed for this principal or scope') {
    super(403, 'forbidden', message);
  }
}
export class NotFound extends DomainError {
  constructor(what: string) {
    super(404, 'not_found', `${what} not found`);
  }
}
export class Conflict extends DomainError {
  constructor(message: string, code = 'conflict') {
    super(409, code, message);
  }
}
