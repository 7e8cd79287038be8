import type { ServiceName } from './wire/route.js';

/**
 * The AWS actions the emulator served, as IAM action names (`ec2:DescribeImages`), so a test can check
 * that a scan calls nothing outside an IAM policy. The service names the emulator routes by are the IAM
 * prefixes.
 */
export class ActionLog {
  private readonly seen = new Set<string>();

  /** Records one served action. */
  record(service: ServiceName, action: string): void {
    this.seen.add(`${service}:${action}`);
  }

  /** Every action recorded so far, sorted. */
  list(): string[] {
    return [...this.seen].sort();
  }
}
