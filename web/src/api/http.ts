// The one place that talks HTTP to the API: adds the X-API-Key header, decodes JSON and turns
// every non-2xx answer into an ApiError. A 401 also tells the app, which sends the user back to
// the login page; callers still get the error so a pending spinner can stop.
import { ApiError, network_error } from './errors';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpOptions {
  key: () => string | null;
  on_unauthorized: () => void;
}

export class Http {
  constructor(private readonly options: HttpOptions) {}

  async request<T>(method: Method, path: string, body?: unknown, key_override?: string): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const key = key_override ?? this.options.key();
    if (key) headers['X-API-Key'] = key;
    if (body !== undefined) headers['Content-Type'] = 'application/json';

    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch (cause) {
      throw network_error(cause);
    }

    if (!response.ok) {
      const error = await read_error(response);
      // A key typed on the login page is checked with key_override; its 401 is the login
      // page's to show, not a reason to log out a session that is not there yet.
      if (response.status === 401 && key_override === undefined) this.options.on_unauthorized();
      throw error;
    }
    if (response.status === 204) return undefined as T;
    try {
      return (await response.json()) as T;
    } catch {
      throw new ApiError(response.status, 'bad_response', `The answer to ${method} ${path} is not JSON.`);
    }
  }
}

async function read_error(response: Response): Promise<ApiError> {
  const retry_header = response.headers.get('Retry-After');
  const retry_after = retry_header !== null && /^\d+$/.test(retry_header) ? Number(retry_header) : null;
  let code = `http_${response.status}`;
  let message = response.statusText;
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // Not the documented JSON body (a proxy's HTML page, say): the status line is all we have.
  }
  return new ApiError(response.status, code, message, retry_after);
}
