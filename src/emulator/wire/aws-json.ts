import { ApiError } from '../api-error.js';
import type { Protocol } from './protocol.js';
import { jsonReply } from './reply.js';

type Json = Record<string, unknown>;

/** The AWS JSON 1.1 protocol (Organizations): the action in `X-Amz-Target`, `__type` errors. */
export const awsJson: Protocol<Json, Json> = {
  decode(body, target) {
    const action = typeof target === 'string' ? target.slice(target.indexOf('.') + 1) : '';
    try {
      return { action, input: body ? (JSON.parse(body) as Json) : {} };
    } catch {
      return new ApiError('SerializationException', 'The request body is not valid JSON.');
    }
  },
  encode(_action, out) {
    return jsonReply(200, out);
  },
  encodeError(err) {
    return jsonReply(err.status, { __type: err.code, Message: err.message });
  },
};
