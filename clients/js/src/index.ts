export { ParleyClient } from './client.js';
export type { ClientOptions, SendOptions } from './client.js';
export { ParleySocket } from './socket.js';
export type { SocketOptions, SocketEvents, WebSocketLike, WebSocketFactory } from './socket.js';
export { ApiError } from './errors.js';
export type { FieldError } from './errors.js';
export type { Page } from './rest.js';
export * from './types.js';
