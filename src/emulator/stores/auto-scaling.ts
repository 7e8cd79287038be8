import { ArList } from './keys.js';

export interface EmuLaunchConfiguration {
  name: string;
  account: string;
  region: string;
  imageId: string;
  instanceType: string;
}

export interface EmuLtSpec {
  launchTemplateId?: string;
  launchTemplateName?: string;
  version?: string;
}

export interface EmuAutoScalingGroup {
  name: string;
  account: string;
  region: string;
  launchConfigurationName?: string;
  launchTemplate?: EmuLtSpec;
  mixedInstancesPolicy?: {
    launchTemplate: {
      launchTemplateSpecification: EmuLtSpec;
      overrides: { instanceType?: string; launchTemplateSpecification?: EmuLtSpec }[];
    };
  };
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
}

/** Launch configurations and Auto Scaling groups per account-region. */
export class AutoScalingStore {
  private readonly configList = new ArList<EmuLaunchConfiguration>();
  private readonly groupList = new ArList<EmuAutoScalingGroup>();

  /** Adds a launch configuration. */
  addLaunchConfiguration(c: EmuLaunchConfiguration): void {
    this.configList.add(c);
  }

  /** Adds an Auto Scaling group. */
  addGroup(g: EmuAutoScalingGroup): void {
    this.groupList.add(g);
  }

  /** The launch configurations of an account-region. */
  launchConfigurations(account: string, region: string): EmuLaunchConfiguration[] {
    return this.configList.get(account, region);
  }

  /** The Auto Scaling groups of an account-region. */
  groups(account: string, region: string): EmuAutoScalingGroup[] {
    return this.groupList.get(account, region);
  }
}
