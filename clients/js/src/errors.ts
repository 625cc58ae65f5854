/** A field's problem, as the API's error envelope lists it. */
export interface FieldError { field: string; message: string }

/**
 * A refused request: the API's error envelope ({@code error.code}, {@code error.message}, {@code error.details})
 * with the HTTP status and, on 429 and 503, the seconds to wait ({@code Retry-After}).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldError[];
  readonly retryAfterSeconds: number | null;

  constructor(status: number, code: string, message: string, details: FieldError[] = [],
      retryAfterSeconds: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The message for one field of the request, if the server named it. */
  fieldError(field: string): string | undefined {
    return this.details.find((d) => d.field === field)?.message;
  }

  /** Worth sending again as it is: the server was unavailable or the caller went too fast. */
  get retryable(): boolean {
    return this.status === 429 || this.status === 502 || this.status === 503 || this.status === 504 || this.status === 0;
  }
}
