/** Asks the user to go ahead with a change; rejects (with a usage error) when they do not. */
export type Confirm = (question: string) => Promise<void>;
