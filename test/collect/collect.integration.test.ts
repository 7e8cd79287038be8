import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CollectInventoryResult, collectInventory } from '../../src/collect/collect-inventory.js';
import { REGION_COLLECTORS } from '../../src/collect/plan.js';
import type { InventoryRecord } from '../../src/inventory/schema.js';
import { BASE_CREDENTIALS, useEmulator } from '../support/emulator.js';
import { DENIED, DEV, MGMT, PROD, SUSPENDED } from '../support/organization.js';
import { AMI, scanWorld } from './world.js';

describe('collect against the emulator: a small organization', () => {
  const emu = useEmulator(() => ({ world: scanWorld(), port: 0 }));
  let dir: string;
  let result: CollectInventoryResult;
  let lines: InventoryRecord[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'amiaudit-collect-'));
    result = await collectInventory({
      aws: {
        endpointUrl: emu.url,
        credentials: BASE_CREDENTIALS,
        concurrency: 8,
        maxAttempts: 3,
        timeoutMs: 5000,
      },
      targets: { org: true },
      regions: ['us-east-1', 'eu-west-1'],
      collectors: REGION_COLLECTORS,
      output: join(dir, 'inventory.jsonl'),
      inMemory: true,
    });
    lines = readFileSync(join(dir, 'inventory.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as InventoryRecord);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams a header first, then records', () => {
    expect(lines[0].kind).toBe('header');
    expect(lines.filter((l) => l.kind === 'header')).toHaveLength(1);
  });

  it('discovers the organization: ACTIVE accounts only, the OU tree with nested parents', () => {
    const h = result.header;
    expect(h.organization.id).toBe('o-scan0000001');
    expect(h.organization.managementAccountId).toBe(MGMT);
    expect(h.organization.accounts.map((a) => a.id)).toEqual([MGMT, PROD, DEV, DENIED]);
    expect(h.organization.accounts.find((a) => a.id === PROD)?.parentId).toBe('ou-scan-prod');
    expect(h.organization.accounts.find((a) => a.id === MGMT)?.parentId).toBe('r-scan');
    expect(h.organization.ous).toEqual(
      expect.arrayContaining([
        { id: 'r-scan', name: expect.any(String) },
        { id: 'ou-scan-workloads', name: 'Workloads', parentId: 'r-scan' },
        { id: 'ou-scan-prod', name: 'Prod', parentId: 'ou-scan-workloads' },
      ]),
    );
    expect(h.requestedAccounts).not.toContain(SUSPENDED);
    expect(h.collectors).toEqual(['assume-role', 'regions', ...REGION_COLLECTORS]);
  });

  it('assumes into each member account once, not once per region', () => {
    expect(emu.stats().byApi.AssumeRole).toBe(3);
  });

  it('reports a denied account as one assume-failed gap and nothing else', () => {
    const denied = result.inventory!.segments.filter((s) => s.account === DENIED);
    expect(denied).toEqual([
      expect.objectContaining({ region: '*', collector: 'assume-role', status: 'assume-failed' }),
    ]);
    expect(result.gaps).toContainEqual(expect.objectContaining({ account: DENIED, status: 'assume-failed' }));
  });

  it('reports a requested region the account has not opted in to as region-disabled for every collector', () => {
    const seg = result.inventory!.segments.filter((s) => s.account === DEV && s.region === 'eu-west-1');
    expect(seg.map((s) => s.collector).sort()).toEqual([...REGION_COLLECTORS].sort());
    expect(new Set(seg.map((s) => s.status))).toEqual(new Set(['region-disabled']));
  });

  it('maps owned images with launch permissions; disabled images cost no attribute call', () => {
    const inv = result.inventory!;
    const shared = inv.images.find((i) => i.imageId === AMI.shared)!;
    expect(shared).toMatchObject({
      account: PROD,
      region: 'us-east-1',
      name: 'web-1.0.0',
      public: false,
      tags: { Team: 'web', Name: '<script>x</script>' },
      launchPermissions: [{ userId: DEV }],
      blockDevices: [expect.objectContaining({ snapshotId: 'snap-00000000000000001', encrypted: true })],
    });
    expect(inv.images.find((i) => i.imageId === AMI.public)?.public).toBe(true);
    expect(inv.images.find((i) => i.imageId === AMI.deprecated)?.deprecationTime).toBe(
      '2025-01-01T00:00:00.000Z',
    );
    expect(inv.images.find((i) => i.imageId === AMI.disabled)).toMatchObject({
      state: 'disabled',
      launchPermissions: [],
    });
    // 7 owned images in scanned regions, one disabled: 6 DescribeImageAttribute calls.
    expect(inv.images).toHaveLength(7);
    expect(emu.stats().byApi.DescribeImageAttribute).toBe(6);
  });

  it('records cross-account usage: an instance in DEV runs an AMI owned by PROD', () => {
    expect(result.inventory!.usage).toContainEqual(
      expect.objectContaining({
        imageId: AMI.shared,
        account: DEV,
        source: 'instance',
        refId: 'i-00000000000000001',
      }),
    );
    expect(result.inventory!.usage.some((u) => u.refId === 'i-00000000000000002')).toBe(false);
  });

  it('resolves launch templates ($Latest/$Default), pinned ASG versions, mixed-instances overrides and launch configurations', () => {
    const usage = result.inventory!.usage.filter((u) => u.account === PROD);
    const pairs = usage.map((u) => `${u.source} ${u.refId} ${u.imageId}`).sort();
    expect(pairs).toEqual(
      [
        `auto-scaling-group legacy ${AMI.disabled}`,
        `auto-scaling-group mixed ${AMI.deprecated}`,
        `auto-scaling-group mixed ${AMI.mgmt}`,
        `auto-scaling-group pinned ${AMI.shared}`,
        `launch-configuration legacy-lc ${AMI.disabled}`,
        `launch-template lt-00000000000000001:v1 ${AMI.deprecated}`,
        `launch-template lt-00000000000000001:v3 ${AMI.public}`,
        `launch-template lt-00000000000000002:v1 ${AMI.mgmt}`,
      ].sort(),
    );
  });

  it('reads backing-snapshot permissions and block-public-access settings', () => {
    const inv = result.inventory!;
    expect(inv.snapshots.find((s) => s.snapshotId === 'snap-00000000000000001')).toMatchObject({
      public: true,
    });
    expect(inv.accountRegions.find((r) => r.account === PROD && r.region === 'us-east-1')).toMatchObject({
      snapshotBlockPublicAccess: 'block-all-sharing',
    });
  });

  it('counts calls and leaves only the expected gaps', () => {
    expect(result.stats.calls).toBeGreaterThan(20);
    const statuses = new Set(result.gaps.map((g) => g.status));
    expect(statuses).toEqual(new Set(['assume-failed', 'region-disabled']));
    const listings = result.inventory!.segments.filter((s) => s.status === 'ok' && s.collector === 'images');
    expect(listings).toHaveLength(5);
    expect(listings.every((s) => s.calls >= 1)).toBe(true);
  });
});
