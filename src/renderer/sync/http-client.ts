import { API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION, type ApiError } from '../../shared/sync-protocol';

/** A failed request with the i18n code to show: the server's ApiError code, or 'network.unreachable'. */
export class SyncHttpError extends Error {
  constructor(
    readonly code: string,
    /** HTTP status, or null when the server was not reached at all. */
    readonly status: number | null,
    /** The ApiError's details (e.g. [{row, field, message}] of a refused push), when the server sent any. */
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'SyncHttpError';
  }
}

export type FetchImpl = typeof fetch;

export interface ApiClientOptions {
  readonly fetchImpl: FetchImpl;
  readonly baseUrl: string;
  readonly token?: string;
  /** Told after every request whether the server was reached (for the online indicator). */
  readonly onReach?: (reached: boolean) => void;
}

export interface ApiClient {
  get<T>(path: string, query?: URLSearchParams): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  url(path: string, query?: URLSearchParams): string;
}

function isApiError(v: unknown): v is ApiError {
  if (v === null || typeof v !== 'object') return false;
  const e = (v as { error?: unknown }).error;
  return e !== null && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string';
}

/** Strips trailing slashes so that `${base}/api/v1/...` never has '//'. */
export function normalizeBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

/** JSON over fetch with the protocol header and, when enrolled, the device's bearer token. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = normalizeBaseUrl(options.baseUrl);
  const url = (path: string, query?: URLSearchParams): string => {
    const q = query?.toString() ?? '';
    return `${base}${API_PREFIX}${path}${q === '' ? '' : `?${q}`}`;
  };

  async function send<T>(method: 'GET' | 'POST', path: string, query: URLSearchParams | undefined, body: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await options.fetchImpl(url(path, query), { method, headers, body: body === undefined ? null : JSON.stringify(body) });
    } catch {
      options.onReach?.(false);
      throw new SyncHttpError('network.unreachable', null);
    }
    options.onReach?.(true);
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      json = null;
    }
    if (!response.ok) {
      const code = isApiError(json) ? json.error.code : response.status >= 500 ? 'server.error' : 'request.failed';
      throw new SyncHttpError(code, response.status, isApiError(json) ? json.error.details : undefined);
    }
    return json as T;
  }

  return {
    get: (path, query) => send('GET', path, query, undefined),
    post: (path, body) => send('POST', path, undefined, body),
    url,
  };
}
