import type { EmulatorState } from './state.js';
import type { Session } from './stores/sessions.js';

/** What a handler knows about the call it serves. */
export interface CallContext {
  state: EmulatorState;
  /** The account whose credentials signed the call. */
  account: string;
  region: string;
  action: string;
  requestId: string;
  accessKeyId: string;
  session?: Session;
  /** Wall-clock "now" of the emulator (deprecation times are compared with it). */
  now: Date;
}
