import type { AwsCall } from './call.js';

interface Sender {
  send(command: unknown, ...rest: unknown[]): Promise<unknown>;
}

/**
 * A view of an SDK client whose sends go through `call` under `api`, for the SDK's paginators: it
 * is still an instance of the client's class (which they check), and everything but `send` is the
 * client's own. Each page's input is copied before it is sent because a paginator reuses one input
 * object for every page, so a recorded command would otherwise show the last page's token.
 */
export function throughCall<C extends object>(client: C, api: string, call: AwsCall): C {
  const real = client as unknown as Sender;
  const send = (command: { input?: object }, ...rest: unknown[]) => {
    if (command.input) command.input = { ...command.input };
    return call(api, () => real.send(command, ...rest));
  };
  return Object.create(client, { send: { value: send } }) as C;
}

/**
 * Yields the pages of an SDK paginator. AWS may return empty pages with a token, so only the token
 * ends a listing; a server that repeats a token would loop forever, so a repeated one is an error.
 */
export async function* pagesOf<P extends { NextToken?: string }>(pages: AsyncIterable<P>): AsyncGenerator<P> {
  const seen = new Set<string>();
  for await (const page of pages) {
    yield page;
    const token = page.NextToken || undefined;
    if (token === undefined) continue;
    if (seen.has(token)) throw new Error(`pagination token repeated: ${token.slice(0, 40)}`);
    seen.add(token);
  }
}
