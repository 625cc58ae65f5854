// The shapes of Parley's API (docs/protocol.md). Server and client frame types are listed at runtime too
// (SERVER_FRAME_TYPES, CLIENT_FRAME_TYPES), and the unit tests check them against the JSON Schemas in
// shared-events/src/main/resources/dev/parley/protocol/ws/ that the server's tests check its frames against.

export interface UserSummary {
  id: string;
  username: string;
  display_name: string | null;
  avatar: string | null;
}

export interface User extends UserSummary {
  email?: string;
  status: string;
  last_seen: string | null;
  is_verified: boolean;
  created_at: string;
  updated_at: string;
}

/** What POST /files answers: the attachment to send with a message (its id). */
export interface UploadedFile { id: string; filename: string; url: string; type: string; size: number; mime_type: string }

export interface Attachment { id: string; filename: string; url: string; type: string | null; size: number | null }
export interface Reaction { emoji: string; count: number; users: string[]; user_reacted: boolean }

export interface Message {
  id: string;
  room_id: string;
  user_id: string;
  content: string;
  type: 'text' | 'image' | 'file' | 'system';
  reply_to: string | null;
  attachments: Attachment[];
  reactions: Reaction[];
  user: UserSummary | null;
  edited_at: string | null;
  created_at: string;
  updated_at: string;
  seq?: number | null;
}

export interface Room {
  id: string;
  name: string | null;
  description: string | null;
  type: 'direct' | 'group' | 'public' | 'broadcast' | string;
  avatar: string | null;
  is_public: boolean;
  max_members?: number | null;
  member_count?: number;
  unread_count?: number;
  last_message?: Message | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** A room member: role and the user, with the status the room service last heard. */
export interface Member {
  user_id: string;
  room_id: string;
  role: 'owner' | 'admin' | 'moderator' | 'member' | string;
  joined_at: string;
  user: (UserSummary & { status?: string }) | null;
}

export interface Pagination { page: number; limit: number; total: number; has_next: boolean; has_prev?: boolean }

export interface Session {
  token: string;
  token_type: string;
  expires_in: number;
  expires_at: string;
  refresh_token: string;
  user?: User;
}

export const SERVER_FRAME_TYPES = [
  'auth_response', 'pong', 'error', 'message', 'message_edit', 'message_delete', 'message_reaction',
  'typing_start', 'typing_stop', 'user_join', 'user_leave', 'room_update', 'room_delete', 'user_status_change',
  'user_profile_update', 'notification', 'upload_progress', 'upload_complete', 'resume_complete',
] as const;
export type ServerFrameType = typeof SERVER_FRAME_TYPES[number];

export const CLIENT_FRAME_TYPES = [
  'auth', 'ping', 'join_room', 'leave_room', 'typing_start', 'typing_stop', 'resume',
] as const;
export type ClientFrameType = typeof CLIENT_FRAME_TYPES[number];

/** Every server frame: its type, and (on events) event_type, event_id, timestamp; seq on a room's stream. */
export interface ServerFrame {
  type: ServerFrameType;
  event_type?: string;
  event_id?: string;
  room_id?: string;
  seq?: number;
  timestamp?: string;
  [field: string]: unknown;
}

export interface MessageFrame extends ServerFrame { type: 'message'; room_id: string; message: Message }

export interface ResumeRoomResult {
  recovered: boolean;
  seq?: number;
  reason?: string;
  from_seq?: number;
  to_seq?: number;
}

export interface ResumeCompleteFrame extends ServerFrame {
  type: 'resume_complete';
  rooms: Record<string, ResumeRoomResult>;
}

export type ClientFrame =
  | { type: 'auth'; token: string; resume?: { rooms: Record<string, number> } }
  | { type: 'ping' }
  | { type: 'join_room' | 'leave_room' | 'typing_start' | 'typing_stop'; room_id: string }
  | { type: 'resume'; rooms: Record<string, number> };
