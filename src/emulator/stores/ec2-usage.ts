import { ArList, arKey } from './keys.js';

export interface EmuInstance {
  instanceId: string;
  account: string;
  region: string;
  imageId: string;
  state: string;
  instanceType: string;
  launchTime: string;
  tags: Map<string, string>;
}

export interface EmuLaunchTemplate {
  launchTemplateId: string;
  name: string;
  account: string;
  region: string;
  defaultVersion: number;
  versions: { number: number; imageId?: string }[];
}

/** What EC2 answers about AMI usage: instances, launch templates, and the SSM parameters their aliases name. */
export class Ec2UsageStore {
  private readonly instanceList = new ArList<EmuInstance>();
  private readonly templateList = new ArList<EmuLaunchTemplate>();
  private readonly ssmParameters = new Map<string, string>();

  /** Adds an instance. */
  addInstance(i: EmuInstance): void {
    this.instanceList.add(i);
  }

  /** Adds a launch template. */
  addLaunchTemplate(t: EmuLaunchTemplate): void {
    this.templateList.add(t);
  }

  /** Sets an SSM parameter of an account-region. */
  setSsmParameter(account: string, region: string, name: string, value: string): void {
    this.ssmParameters.set(`${arKey(account, region)}|${name}`, value);
  }

  /** The instances of an account-region. */
  instances(account: string, region: string): EmuInstance[] {
    return this.instanceList.get(account, region);
  }

  /** The launch templates of an account-region. */
  launchTemplates(account: string, region: string): EmuLaunchTemplate[] {
    return this.templateList.get(account, region);
  }

  /** The value of an SSM parameter in an account-region (what `resolve:ssm:NAME` resolves to). */
  ssmParameter(account: string, region: string, name: string): string | undefined {
    return this.ssmParameters.get(`${arKey(account, region)}|${name}`);
  }
}
