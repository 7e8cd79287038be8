/** Who an AssumeRole session acts as. */
export interface Session {
  account: string;
  roleName: string;
  sessionName: string;
}

/** AssumeRole sessions by the access key id they issued. */
export type SessionStore = Map<string, Session>;
