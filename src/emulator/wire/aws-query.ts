import type { Params } from '../params.js';
import { esc } from '../xml.js';
import { decodeQuery, type Protocol } from './protocol.js';
import { xmlReply } from './reply.js';

/** The AWS Query protocol (STS, Auto Scaling): `<ActionResult>` inside `<ActionResponse>`, `<ErrorResponse>`. */
export function awsQuery(xmlns: string): Protocol<Params, string> {
  return {
    decode: decodeQuery,
    encode(action, inner, requestId) {
      return xmlReply(
        200,
        `<${action}Response xmlns="${xmlns}"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
      );
    },
    encodeError(err, requestId) {
      const type = err.status >= 500 ? 'Receiver' : 'Sender';
      return xmlReply(
        err.status,
        `<ErrorResponse xmlns="${xmlns}"><Error><Type>${type}</Type><Code>${esc(err.code)}</Code><Message>${esc(err.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      );
    },
  };
}
