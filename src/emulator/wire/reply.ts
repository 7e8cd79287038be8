/** An HTTP response the emulator sends. */
export interface Reply {
  status: number;
  body: string;
  contentType: string;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const JSON_TYPE = 'application/x-amz-json-1.1';

/** An XML document reply. */
export function xmlReply(status: number, body: string): Reply {
  return { status, body: XML_HEAD + body, contentType: 'text/xml;charset=UTF-8' };
}

/** An AWS JSON 1.1 reply. */
export function jsonReply(status: number, value: unknown): Reply {
  return { status, body: JSON.stringify(value), contentType: JSON_TYPE };
}
