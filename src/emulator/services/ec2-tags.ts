import { ApiError } from '../api-error.js';
import type { CallContext } from '../context.js';
import type { Params } from '../params.js';

function tagsOf(ctx: CallContext, id: string): Map<string, string> {
  const { state } = ctx;
  if (id.startsWith('ami-')) {
    const img = state.images.get(id);
    if (img && img.account === ctx.account && img.region === ctx.region) return img.tags;
    throw new ApiError('InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`);
  }
  if (id.startsWith('snap-')) {
    const s = state.snapshots.get(id);
    if (s && s.account === ctx.account && s.region === ctx.region) return s.tags;
    throw new ApiError('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`);
  }
  if (id.startsWith('i-')) {
    const inst = state.usage.instances(ctx.account, ctx.region).find((i) => i.instanceId === id);
    if (inst) return inst.tags;
    throw new ApiError('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
  }
  throw new ApiError('InvalidID', `The ID '${id}' is not valid`);
}

/** CreateTags on images, snapshots and instances of the caller (all ids checked before any change). */
export function createTags(ctx: CallContext, p: Params): string {
  const ids = p.list('ResourceId');
  const tags = p.structs('Tag');
  if (ids.length === 0)
    throw new ApiError('MissingParameter', 'The request must contain the parameter resourceIdSet');
  const maps = ids.map((id) => tagsOf(ctx, id));
  for (const t of tags) {
    if (t.Key === undefined || t.Key === '')
      throw new ApiError('InvalidParameterValue', 'Tag keys must not be empty');
    if (t.Key.startsWith('aws:')) {
      throw new ApiError(
        'InvalidParameterValue',
        "Tag keys starting with 'aws:' are reserved for internal use",
      );
    }
  }
  for (const m of maps) for (const t of tags) m.set(t.Key, t.Value ?? '');
  return '<return>true</return>';
}

/** DeleteTags: a tag with a Value is removed only when the value matches (AWS semantics). */
export function deleteTags(ctx: CallContext, p: Params): string {
  const ids = p.list('ResourceId');
  const tags = p.structs('Tag');
  const maps = ids.map((id) => tagsOf(ctx, id));
  for (const m of maps) {
    if (tags.length === 0) {
      for (const k of [...m.keys()]) if (!k.startsWith('aws:')) m.delete(k);
      continue;
    }
    for (const t of tags) {
      if (t.Value === undefined || m.get(t.Key) === t.Value) m.delete(t.Key);
    }
  }
  return '<return>true</return>';
}
