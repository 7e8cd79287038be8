import type { Params } from '../params.js';
import { esc } from '../xml.js';
import { decodeQuery, type Protocol } from './protocol.js';
import { xmlReply } from './reply.js';

/** The EC2 Query protocol: form-encoded request, `<ActionResponse>` with a lower-case requestId. */
export function ec2Query(xmlns: string): Protocol<Params, string> {
  return {
    decode: decodeQuery,
    encode(action, inner, requestId) {
      return xmlReply(
        200,
        `<${action}Response xmlns="${xmlns}"><requestId>${requestId}</requestId>${inner}</${action}Response>`,
      );
    },
    encodeError(err, requestId) {
      return xmlReply(
        err.status,
        `<Response><Errors><Error><Code>${esc(err.code)}</Code><Message>${esc(err.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
      );
    },
  };
}
