import { ApiError } from './errors.js';
import { Fetch, Page, Rest } from './rest.js';
import { ParleySocket, SocketOptions, WebSocketFactory } from './socket.js';
import type { Message, Room, Session, User } from './types.js';

export interface ClientOptions {
  /** The gateway, e.g. http://localhost:8080 (REST under /api/v1, the socket at /ws). */
  baseUrl: string;
  fetch?: Fetch;
  WebSocket?: WebSocketFactory;
  /** Refresh the access token this long before it expires (default 60 s). */
  refreshBeforeMs?: number;
  /** How often a send is tried before its error is thrown (network errors, 429, 502–504; default 5). */
  sendAttempts?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  socket?: Partial<SocketOptions>;
}

export interface SendOptions { replyTo?: string; attachments?: string[]; clientMessageId?: string }

function uuid(): string {
  return (globalThis.crypto as Crypto).randomUUID();
}

/**
 * Parley's API for an app: log in, keep the access token fresh (refresh-token rotation, as auth-service does it),
 * call the REST API with typed results and typed errors, send messages idempotently, and open the WebSocket.
 */
export class ParleyClient {
  private readonly rest: Rest;
  private session: Session | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private refreshing: Promise<Session> | null = null;
  private socket: ParleySocket | null = null;
  private readonly opts: ClientOptions;

  constructor(options: ClientOptions) {
    this.opts = options;
    const base = options.baseUrl.replace(/\/$/, '');
    this.rest = new Rest(base + '/api/v1', options.fetch ?? fetch.bind(globalThis), () => this.session?.token ?? null);
  }

  /** The logged-in user's session (tokens), or null. */
  get current(): Session | null {
    return this.session;
  }

  register(input: { username: string; email: string; password: string; display_name?: string }): Promise<User> {
    return this.rest.call<User>('POST', '/auth/register', input, { token: null });
  }

  async login(username: string, password: string): Promise<Session> {
    const s = await this.rest.call<Session>('POST', '/auth/login', { username, password }, { token: null });
    this.adopt(s);
    return s;
  }

  /** A new access token for the refresh token (which is rotated: the old one stops working). */
  refresh(): Promise<Session> {
    if (!this.refreshing) {
      const refreshToken = this.session?.refresh_token ?? null;
      this.refreshing = this.rest.call<Session>('POST', '/auth/refresh', undefined, { token: refreshToken })
          .then((s) => {
            this.adopt({ ...s, user: s.user ?? this.session?.user });
            this.socket?.reauthenticate(s.token);
            return this.session!;
          })
          .finally(() => { this.refreshing = null; });
    }
    return this.refreshing;
  }

  async logout(): Promise<void> {
    try {
      await this.rest.call('POST', '/auth/logout');
    } finally {
      this.forget();
    }
  }

  /** An access token that is not about to expire (refreshing it first when it is). */
  async accessToken(): Promise<string> {
    if (!this.session) throw new ApiError(401, 'UNAUTHORIZED', 'not logged in');
    if (this.expiresInMs() < (this.opts.refreshBeforeMs ?? 60_000)) await this.refresh();
    return this.session!.token;
  }

  me(): Promise<User> {
    return this.rest.call('GET', '/users/me');
  }

  myChats(): Promise<Room[]> {
    return this.rest.call('GET', '/rooms/my-chats');
  }

  createRoom(input: { name: string; type?: string; description?: string; is_public?: boolean }): Promise<Room> {
    return this.rest.call('POST', '/rooms', input);
  }

  joinRoom(roomId: string): Promise<unknown> {
    return this.rest.call('POST', `/rooms/${encodeURIComponent(roomId)}/join`);
  }

  directRoom(userId: string): Promise<Room> {
    return this.rest.call('POST', `/rooms/direct/${encodeURIComponent(userId)}`);
  }

  messages(roomId: string, page = 1, limit = 50): Promise<Page<Message>> {
    return this.rest.page(`/rooms/${encodeURIComponent(roomId)}/messages?page=${page}&limit=${limit}`);
  }

  /**
   * Sends a message exactly once: a client_message_id is generated (or given) and the same request is sent again
   * after a network error, a 429 (after its Retry-After) or a 502–504, so that a retry of a send that did arrive
   * returns the original message instead of a second one.
   */
  async sendMessage(roomId: string, content: string, options: SendOptions = {}): Promise<Message> {
    const body: Record<string, unknown> = { room_id: roomId, content,
      client_message_id: options.clientMessageId ?? uuid() };
    if (options.replyTo) body.reply_to = options.replyTo;
    if (options.attachments) body.attachments = options.attachments;
    const attempts = this.opts.sendAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.accessToken();
        return await this.rest.call<Message>('POST', '/messages', body);
      } catch (e) {
        if (!(e instanceof ApiError) || !e.retryable || attempt >= attempts) throw e;
        const wait = e.retryAfterSeconds != null ? e.retryAfterSeconds * 1000
            : Math.floor((this.opts.random ?? Math.random)() * Math.min(8_000, 250 * 2 ** attempt));
        await (this.opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(wait);
      }
    }
  }

  editMessage(messageId: string, content: string): Promise<Message> {
    return this.rest.call('PUT', `/messages/${encodeURIComponent(messageId)}`, { content });
  }

  deleteMessage(messageId: string): Promise<unknown> {
    return this.rest.call('DELETE', `/messages/${encodeURIComponent(messageId)}`);
  }

  react(messageId: string, emoji: string): Promise<unknown> {
    return this.rest.call('POST', `/messages/${encodeURIComponent(messageId)}/reactions`, { emoji });
  }

  unreact(messageId: string, emoji: string): Promise<unknown> {
    return this.rest.call('DELETE',
        `/messages/${encodeURIComponent(messageId)}/reactions/${encodeURIComponent(emoji)}`);
  }

  /** Any other call of the API, unwrapped and typed by the caller. */
  call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.rest.call<T>(method, path, body);
  }

  /** Opens the WebSocket (one per client): tokens, resume and reconnects are handled. */
  connect(): ParleySocket {
    if (this.socket) return this.socket;
    const ws = this.opts.baseUrl.replace(/^http/, 'ws').replace(/\/$/, '') + '/ws';
    this.socket = new ParleySocket({
      url: ws,
      token: () => this.accessToken(),
      refreshToken: () => this.refresh().then((s) => s.token),
      refetch: async (roomId) => (await this.messages(roomId, 1, 50)).items,
      WebSocket: this.opts.WebSocket,
      random: this.opts.random,
      ...this.opts.socket,
    });
    return this.socket.connect();
  }

  /** Stops the refresh timer and closes the socket. */
  close(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    this.socket?.close();
    this.socket = null;
  }

  private adopt(s: Session): void {
    this.session = s;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    const inMs = Math.max(0, this.expiresInMs() - (this.opts.refreshBeforeMs ?? 60_000));
    this.refreshTimer = setTimeout(() => { this.refresh().catch(() => { /* the next call refreshes again */ }); },
        inMs);
    (this.refreshTimer as any).unref?.();
  }

  private expiresInMs(): number {
    if (!this.session) return 0;
    const at = Date.parse(this.session.expires_at);
    return (Number.isNaN(at) ? Date.now() + this.session.expires_in * 1000 : at) - (this.opts.now ?? Date.now)();
  }

  private forget(): void {
    this.close();
    this.session = null;
  }
}
