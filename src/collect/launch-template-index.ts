import type { TemplateSpec } from '../aws/ec2/launch-templates.js';

/** Image ids of launch template versions, looked up by template id or name and version. */
export class LaunchTemplateIndex {
  private readonly images = new Map<string, string>();

  /** Records a version; `aliases` are `$Latest`/`$Default` when this version is one of them. */
  add(v: { id: string; name?: string; version: number; imageId: string }, aliases: string[]): void {
    for (const key of [v.id, v.name]) {
      if (!key) continue;
      for (const ver of [String(v.version), ...aliases]) this.images.set(`${key}@${ver}`, v.imageId);
    }
  }

  /** The image of a spec, or undefined when this index does not hold that version. */
  lookup(spec: TemplateSpec): string | undefined {
    const version = spec.version ?? '$Default';
    for (const key of [spec.id, spec.name]) {
      const hit = key ? this.images.get(`${key}@${version}`) : undefined;
      if (hit) return hit;
    }
    return undefined;
  }
}
