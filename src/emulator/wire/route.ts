import type { IncomingHttpHeaders } from 'node:http';

/** The services the emulator answers; each name is also the service's IAM action prefix. */
export type ServiceName = 'ec2' | 'autoscaling' | 'sts' | 'organizations';

/** Where a request goes and who signed it, read from its SigV4 Authorization header. */
export interface Route {
  service: ServiceName;
  region: string;
  accessKeyId: string;
  /** False when the request carries no SigV4 credential scope. */
  signed: boolean;
  /** The X-Amz-Target header (JSON protocols name the action there). */
  target: string | undefined;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/[^/]*\/([^/]+)\/([^/]+)\/aws4_request/;

const SERVICES: Record<string, ServiceName> = {
  ec2: 'ec2',
  autoscaling: 'autoscaling',
  sts: 'sts',
  organizations: 'organizations',
};

/** Routes by the credential scope's service; unsigned requests fall back to the target header, then EC2. */
export function routeRequest(headers: IncomingHttpHeaders): Route {
  const auth = CREDENTIAL.exec(String(headers.authorization ?? ''));
  const header = headers['x-amz-target'];
  const target = typeof header === 'string' ? header : undefined;
  const service: ServiceName =
    (auth && SERVICES[auth[3]]) || (target?.startsWith('AWSOrganizations') ? 'organizations' : 'ec2');
  return {
    service,
    region: auth?.[2] ?? 'us-east-1',
    accessKeyId: auth?.[1] ?? '',
    signed: auth !== null,
    target,
  };
}
