import type { ApiError } from '../api-error.js';
import { Params } from '../params.js';
import type { Reply } from './reply.js';

/** A request as its protocol reads it: the action it names and the decoded input the handler takes. */
export interface Decoded<I> {
  action: string;
  input: I;
}

/** How one AWS wire protocol reads requests and writes results and errors. */
export interface Protocol<I, O> {
  /** Reads the action and input; an ApiError when the body cannot be read. */
  decode(body: string, target: string | undefined): Decoded<I> | ApiError;
  /** The success reply for a handler's output. */
  encode(action: string, out: O, requestId: string): Reply;
  /** The error reply. */
  encodeError(err: ApiError, requestId: string): Reply;
}

/** Decodes a form-encoded query request (EC2 Query and AWS Query share it). */
export function decodeQuery(body: string): Decoded<Params> {
  const params = new Params(body);
  return { action: params.get('Action') ?? '', input: params };
}
