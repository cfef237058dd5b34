/**
 * One error model for the whole app: a stable code, an internal message for logs, and a message a
 * person can read (Swedish). Validation errors carry the fields so forms can show an error summary.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  // Outsiders get "not found", never "forbidden", so they cannot learn that a record exists.
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  field: string;
  message: string;
}

const DEFAULT_USER_MESSAGES: Record<ErrorCode, string> = {
  validation_failed: 'Uppgifterna behöver rättas.',
  bad_request: 'Begäran kunde inte tolkas.',
  unauthenticated: 'Du behöver logga in.',
  not_found: 'Sidan eller uppgiften finns inte.',
  conflict: 'Uppgiften har ändrats av någon annan. Ladda om och försök igen.',
  payload_too_large: 'Det du skickade är för stort.',
  rate_limited: 'Du har skickat för många förfrågningar. Vänta en stund och försök igen.',
  internal: 'Något gick fel hos oss. Försök igen senare.',
  unavailable: 'Tjänsten är tillfälligt otillgänglig.',
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly fields: FieldError[];

  constructor(code: ErrorCode, internalMessage: string, options: { userMessage?: string; fields?: FieldError[]; cause?: unknown } = {}) {
    super(internalMessage, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = options.userMessage ?? DEFAULT_USER_MESSAGES[code];
    this.fields = options.fields ?? [];
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static validation(fields: FieldError[], internalMessage = 'validation failed'): AppError {
    return new AppError('validation_failed', `${internalMessage}: ${fields.map((f) => f.field).join(', ')}`, { fields });
  }

  static notFound(what: string): AppError {
    return new AppError('not_found', `${what} not found`);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The JSON body every API error has. */
export function errorBody(error: AppError) {
  return {
    error: {
      code: error.code,
      message: error.userMessage,
      ...(error.fields.length > 0 ? { fields: error.fields } : {}),
    },
  };
}
