/**
 * The one error type of the domain. Codes form a closed set; src/server/http/problem.ts turns
 * them into RFC 9457 problem responses in exactly one place.
 */
export const ERROR_CODES = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /** An `If-Match` that names another version than the current one (the request changed nothing). */
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  override name = "AppError";
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, options: { issues?: FieldIssue[]; cause?: unknown; retryAfterSeconds?: number } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.issues = options.issues ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }

  static notFound(what: string): AppError {
    return new AppError("NOT_FOUND", `${what} not found`);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
