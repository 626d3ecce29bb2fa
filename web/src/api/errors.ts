// The API's error body `{"error":{"code","message"}}` as a thrown value, and the sentence a user
// reads for it. Codes are the ones listed in docs/api.md.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    // Seconds from `Retry-After` on a 429, so the user knows how long to wait.
    readonly retry_after: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// status 0: the request never got an HTTP answer (server down, network, CORS).
export function network_error(cause: unknown): ApiError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new ApiError(0, 'network', `Cannot reach the sigtrader server (${detail}).`);
}

// What the user should understand from an error; the server's own message is kept in the text
// because it names the field or state that was wrong.
export function describe_error(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return error instanceof Error ? error.message : String(error);
  }
  // The server's message names what was wrong; it follows the plain-words summary.
  const said = error.message ? ` (${error.message})` : '';
  switch (error.code) {
    case 'forbidden':
      return `Your role cannot do that${said}.`;
    case 'unauthorized':
      return `Your API key was not accepted${said}.`;
    case 'not_found':
      return `Not found${said}.`;
    case 'conflict':
      return `That is no longer possible${said}.`;
    case 'unprocessable':
    case 'bad_request':
      return `The server refused the request${said}.`;
    case 'payload_too_large':
      return `That is too large for the server${said}.`;
    case 'rate_limited': {
      const wait = error.retry_after !== null ? ` Try again in ${error.retry_after} s.` : '';
      return `Too many requests${said}.${wait}`;
    }
    case 'unavailable':
      return `The server is not ready${said}.`;
    case 'timeout':
      return `The server took too long to answer${said}.`;
    case 'network':
      return error.message;
    default:
      return `Error ${error.status} ${error.code}${said}.`;
  }
}
