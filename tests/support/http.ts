/**
 * A tiny JSON client for API tests: logs in once per user and sends bearer requests — or, made by
 * `ApiClient.session`, acts as the portal in a browser: the session cookie, and the
 * `Sec-Fetch-Site: same-origin` a browser adds to the page's own requests (api/http/csrf.ts).
 */
import { TEST_PASSWORD } from './harness';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** The `name=value` of a response's Set-Cookie for `name`, if it sets one. */
export function cookieFrom(headers: Headers, name: string): string | undefined {
  return headers.getSetCookie().find((c) => c.startsWith(`${name}=`))?.split(';')[0];
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
    /** `wq_session=<token>`: a browser session instead of a token. */
    readonly cookie?: string,
  ) {}

  static async login(baseUrl: string, username: string, password = TEST_PASSWORD): Promise<ApiClient> {
    const res = await new ApiClient(baseUrl).post('/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return new ApiClient(baseUrl, res.body.token);
  }

  /** Signs in as the portal does (POST /api/auth/session) and keeps the cookie. */
  static async session(baseUrl: string, username: string, password = TEST_PASSWORD): Promise<ApiClient> {
    const res = await new ApiClient(baseUrl).post('/api/auth/session', { username, password }, { 'sec-fetch-site': 'same-origin' });
    const cookie = cookieFrom(res.headers, 'wq_session');
    if (res.status !== 200 || !cookie) throw new Error(`session login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return new ApiClient(baseUrl, undefined, cookie);
  }

  /** The headers that authenticate this client's requests. */
  credentialHeaders(): Record<string, string> {
    if (this.token) return { authorization: `Bearer ${this.token}` };
    if (this.cookie) return { cookie: this.cookie, 'sec-fetch-site': 'same-origin' };
    return {};
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...this.credentialHeaders(),
        ...headers,
      },
      body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** A multipart/form-data POST (fetch sets the boundary). */
  async postForm<T = any>(path: string, form: FormData, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, { method: 'POST', headers: { ...this.credentialHeaders(), ...headers }, body: form });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** The raw bytes of a GET (a download). */
  async download(path: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: this.credentialHeaders() });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }
}
