import { ApiError } from './errors.js';
import { Fetch, Page, Rest } from './rest.js';
import { ParleySocket, SocketOptions, WebSocketFactory } from './socket.js';
import type { Member, Message, Room, Session, UploadedFile, User } from './types.js';

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

/** attachments: what upload() resolved with (at least the id), as the guide's Send Message Request lists them. */
export interface SendOptions {
  replyTo?: string;
  attachments?: Array<{ id: string; filename?: string; url?: string; type?: string | null; size?: number | null }>;
  clientMessageId?: string;
}

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

  private readonly base: string;

  constructor(options: ClientOptions) {
    this.opts = options;
    const base = options.baseUrl.replace(/\/$/, '');
    this.base = base;
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

  /** Takes up a session kept from before (e.g. in sessionStorage across a page reload). */
  restore(session: Session): void {
    this.adopt(session);
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

  /** The caller's chats, most recent activity first, with last message and unread count. */
  async myChats(page = 1, limit = 100): Promise<Room[]> {
    return (await this.rest.call<{ rooms: Room[] }>('GET', `/rooms/my-chats?page=${page}&limit=${limit}`)).rooms ?? [];
  }

  /** Public rooms to discover (and join), optionally matching a search. */
  async publicRooms(search?: string, limit = 50): Promise<Room[]> {
    const q = search ? `&search=${encodeURIComponent(search)}` : '';
    return (await this.rest.call<{ rooms: Room[] }>('GET', `/rooms?limit=${limit}${q}`)).rooms ?? [];
  }

  /** A room's members with their role and (as the room service knows it) their status. */
  async members(roomId: string, limit = 200): Promise<Member[]> {
    return (await this.rest.call<{ members: Member[] }>('GET',
        `/rooms/${encodeURIComponent(roomId)}/members?limit=${limit}`)).members ?? [];
  }

  /** Users whose username or display name matches. */
  async searchUsers(search: string, limit = 20): Promise<User[]> {
    return (await this.rest.call<{ users: User[] }>('GET',
        `/users?limit=${limit}&search=${encodeURIComponent(search)}`)).users ?? [];
  }

  leaveRoom(roomId: string): Promise<unknown> {
    return this.rest.call('POST', `/rooms/${encodeURIComponent(roomId)}/leave`);
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

  /** A page of a room's history: page 1 holds the newest messages, each page oldest first. */
  async messages(roomId: string, page = 1, limit = 50): Promise<Page<Message>> {
    const p = await this.rest.page<{ messages: Message[]; has_more?: boolean }>(
        `/rooms/${encodeURIComponent(roomId)}/messages?page=${page}&limit=${limit}`);
    return { items: p.data?.messages ?? [], pagination: p.pagination };
  }

  /** The messages just before one (oldest first), and whether there are more before them. */
  async messagesBefore(roomId: string, messageId: string, limit = 50): Promise<{ items: Message[]; hasMore: boolean }> {
    const p = await this.rest.page<{ messages: Message[]; has_more?: boolean }>(
        `/rooms/${encodeURIComponent(roomId)}/messages?before=${encodeURIComponent(messageId)}&limit=${limit}`);
    return { items: p.data?.messages ?? [], hasMore: p.data?.has_more ?? false };
  }

  /** Moves the caller's read position in a room forward to a message (unread counts follow). */
  markRead(roomId: string, messageId: string): Promise<unknown> {
    return this.rest.call('POST', `/rooms/${encodeURIComponent(roomId)}/read`, { message_id: messageId });
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
    if (options.attachments) {
      body.attachments = options.attachments.map((a) => ({ id: a.id, filename: a.filename, url: a.url, type: a.type,
        size: a.size }));
    }
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

  /**
   * Uploads a file (multipart, part `file`) and resolves with the attachment to send with a message; `onProgress`
   * gets the fraction sent (0..1). Uses XMLHttpRequest where there is one (fetch reports no upload progress).
   */
  async upload(file: Blob & { name?: string }, onProgress?: (fraction: number) => void): Promise<UploadedFile> {
    const token = await this.accessToken();
    const form = new FormData();
    form.append('file', file, file.name ?? 'file');
    const url = this.base + '/api/v1/files';
    const XHR = (globalThis as any).XMLHttpRequest;
    if (!XHR) return this.rest.call<UploadedFile>('POST', '/files', form);
    return new Promise<UploadedFile>((resolve, reject) => {
      const xhr = new XHR();
      xhr.open('POST', url);
      xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.onprogress = (e: ProgressEvent) => { if (e.lengthComputable) onProgress?.(e.loaded / e.total); };
      xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'network error'));
      xhr.onload = () => {
        let json: any = null;
        try { json = JSON.parse(xhr.responseText); } catch { json = null; }
        if (xhr.status >= 200 && xhr.status < 300 && json?.success !== false) {
          onProgress?.(1);
          resolve(json.data as UploadedFile);
        } else {
          const error = json?.error ?? {};
          reject(new ApiError(xhr.status, error.code ?? `HTTP_${xhr.status}`, error.message ?? 'upload failed',
              Array.isArray(error.details) ? error.details : []));
        }
      };
      xhr.send(form);
    });
  }

  /** A file of the API (e.g. an attachment) as a Blob, fetched with the access token. */
  async download(url: string): Promise<Blob> {
    const token = await this.accessToken();
    const absolute = /^https?:/.test(url) ? url : this.base + url;
    const r = await (this.opts.fetch ?? fetch.bind(globalThis))(absolute, { headers: { Authorization: `Bearer ${token}` } });
    if (!r.ok) throw new ApiError(r.status, `HTTP_${r.status}`, r.statusText || 'download failed');
    return r.blob();
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
