type SignerFactory = (authScheme?: { signingRegion?: string; signingName?: string }) => Promise<unknown>;

/**
 * Makes a client reuse one request signer. The SDK's default `signer` config builds a new SignatureV4
 * for every request, copying the whole resolved client config into it (a few % of a call's CPU).
 * A signer holds no per-request state: it reads credentials through the client's provider on each
 * sign, so refreshed credentials still apply. One signer is kept per signing region and service.
 * (Assigning `client.config.credentials` afterwards would not reach a signer already built; the
 * session never does.)
 */
export function reuseSigner(client: { config: unknown }): void {
  const config = client.config as { signer?: SignerFactory };
  const make = config.signer;
  if (typeof make !== 'function') return;
  const signers = new Map<string, Promise<unknown>>();
  config.signer = (authScheme) => {
    const key = `${authScheme?.signingRegion ?? ''}/${authScheme?.signingName ?? ''}`;
    let signer = signers.get(key);
    if (!signer) {
      signer = make(authScheme);
      // A failed construction is not kept: the next request tries again.
      signer.catch(() => signers.delete(key));
      signers.set(key, signer);
    }
    return signer;
  };
}
