import { Params } from '../params.js';
import { esc } from '../xml.js';
import type { Protocol } from './protocol.js';
import { xmlReply } from './reply.js';

/** The EC2 Query protocol: form-encoded request, `<ActionResponse>` with a lower-case requestId. */
export function ec2Query(xmlns: string): Protocol<Params, string> {
  return {
    decode(body) {
      const params = new Params(body);
      return { action: params.get('Action') ?? '', input: params };
    },
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
