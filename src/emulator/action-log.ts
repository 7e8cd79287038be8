import type { ServiceName } from './wire/route.js';

/**
 * The AWS actions the emulator served, as IAM action names (`ec2:DescribeImages`), so a test can check
 * that a scan calls nothing outside an IAM policy. The service names the emulator routes by are the IAM
 * prefixes.
 */
export class ActionLog {
  private readonly seen = new Set<string>();
  private readonly agents = new Set<string>();

  /** Records one served action. */
  record(service: ServiceName, action: string): void {
    this.seen.add(`${service}:${action}`);
  }

  /** Records the user agent a request came with (operators recognise a tool by it in CloudTrail). */
  recordUserAgent(agent: string | undefined): void {
    if (agent) this.agents.add(agent);
  }

  /** Every distinct user agent seen so far, sorted. */
  userAgents(): string[] {
    return [...this.agents].sort();
  }

  /** Every action recorded so far, sorted. */
  list(): string[] {
    return [...this.seen].sort();
  }
}
