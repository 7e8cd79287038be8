import { describe, expect, it } from 'vitest';
import { isRealDate, loadExceptions, validateExceptionRuleIds } from '../../src/rules/exceptions.js';
import { errorLines, fixture } from './helpers.js';

describe('loadExceptions', () => {
  it('loads a valid file with sources', async () => {
    const file = fixture('exceptions', 'valid.yaml');
    const list = await loadExceptions(file);
    expect(list).toEqual([
      {
        rules: ['ami-max-age'],
        match: { imageIds: ['ami-0123456789abcdef0'] },
        reason: 'Vendor appliance; replacement tracked in SEC-123',
        owner: 'secops@example.com',
        expires: '2027-03-31',
        source: { file, line: 2 },
      },
      {
        rules: ['*'],
        match: { accounts: ['111111111111'], tags: { Team: ['a', 'b'] } },
        reason: 'Sandbox account',
        owner: 'platform@example.com',
        expires: '2026-12-31T23:59:59Z',
        source: { file, line: 8 },
      },
    ]);
  });

  const CASES = [
    {
      name: 'missing reason, owner and expires',
      file: 'missing.yaml',
      expected: [
        '2:5 missing required key "reason" in exception',
        '2:5 missing required key "owner" in exception',
        '2:5 missing required key "expires" in exception',
      ],
    },
    {
      name: 'dates that are not real',
      file: 'bad-date.yaml',
      expected: [
        '5:14 expires must be a real date (YYYY-MM-DD), got "2027-02-30"',
        '9:14 expires must be an ISO date (YYYY-MM-DD), got "next year"',
      ],
    },
    {
      name: 'unknown key',
      file: 'unknown.yaml',
      expected: ['6:5 unknown key "ticket" in exception (allowed: rules, match, reason, owner, expires)'],
    },
    {
      name: 'YAML syntax error',
      file: 'syntax.yaml',
      expected: [
        '3:5 YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
    },
  ];

  it.each(CASES)('$name', async ({ file, expected }) => {
    const path = fixture('exceptions', file);
    expect(await errorLines(() => loadExceptions(path))).toEqual(expected.map((e) => `${path}:${e}`));
  });

  it('names a file that does not exist', async () => {
    expect(await errorLines(() => loadExceptions('nope.yaml'))).toEqual([
      'nope.yaml cannot read: no such file or folder',
    ]);
  });
});

describe('validateExceptionRuleIds', () => {
  it('locates each unknown rule id and suggests the nearest known one', async () => {
    const path = fixture('exceptions', 'valid.yaml');
    const list = await loadExceptions(path);
    const errors = validateExceptionRuleIds(list, ['ami-max-agee']);
    expect(errors.map((e) => e.toLine())).toEqual([
      `${path}:2:13 unknown rule id "ami-max-age" in exception (did you mean "ami-max-agee"?)`,
    ]);
  });

  it('accepts "*" and known ids', async () => {
    const list = await loadExceptions(fixture('exceptions', 'valid.yaml'));
    expect(validateExceptionRuleIds(list, ['ami-max-age'])).toEqual([]);
  });

  it('gives no suggestion when nothing is close', async () => {
    const list = await loadExceptions(fixture('exceptions', 'valid.yaml'));
    expect(validateExceptionRuleIds(list, ['something-else'])[0].message).toBe(
      'unknown rule id "ami-max-age" in exception',
    );
  });
});

describe('isRealDate', () => {
  it.each([
    ['2027-03-31', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2027-13-01', false],
    ['2027-00-10', false],
    ['2027-03-31T12:00:00Z', true],
    ['2027-03-31T25:00:00Z', false],
    ['31/03/2027', false],
  ])('%s → %s', (s, ok) => {
    expect(isRealDate(s)).toBe(ok);
  });
});
