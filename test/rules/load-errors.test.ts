import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { errorLines, fixture } from './helpers.js';

// Each fixture holds one kind of mistake; the expected lines are exact: FILE:LINE:COL message.
const CASES: { name: string; file: string; expected: string[] }[] = [
  {
    name: 'YAML syntax error',
    file: 'yaml-syntax.yaml',
    expected: [
      '5:5 YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }',
    ],
  },
  {
    name: 'an unclosed quote points at the opening quote, not at the end of the file',
    file: 'unclosed-quote.yaml',
    expected: ['3:12 YAML syntax error: Missing closing "quote'],
  },
  {
    name: 'unknown key points at the key, missing key at the parent map',
    file: 'unknown-key.yaml',
    expected: [
      '6:7 missing required key "maxDays" in check of type age',
      '7:7 unknown key "maxDay" in check of type age (allowed: type, maxDays, basis)',
    ],
  },
  {
    name: 'wrong type',
    file: 'wrong-type.yaml',
    expected: ['7:16 check.maxDays must be an integer, got string "ten"'],
  },
  {
    name: 'bad check type',
    file: 'bad-enum.yaml',
    expected: ['5:20 check.type must be one of naming|age|unused|retention|public-sharing|match, got "agee"'],
  },
  {
    name: 'bad regex',
    file: 'bad-regex.yaml',
    expected: ['7:20 invalid regex in check.namePattern: Unterminated group'],
  },
  {
    name: 'regex over the length bound',
    file: 'long-regex.yaml',
    expected: ['8:15 invalid regex in check.requiredTags.Team: pattern is 1001 characters long (max 1000)'],
  },
  {
    name: 'retention namePattern without a family group',
    file: 'missing-family.yaml',
    expected: [
      '8:22 check.groupBy.namePattern must contain a (?<family>…) named group that names the image family',
    ],
  },
  {
    name: 'missing required keys',
    file: 'missing-required.yaml',
    expected: [
      '2:5 missing required key "severity" in rule',
      '5:7 missing required key "maxDays" in check of type age',
    ],
  },
  {
    name: 'unquoted account id',
    file: 'unquoted-account.yaml',
    expected: ['7:18 scope.accounts[0] must be a string, got number 12345678901 (quote it: "012345678901")'],
  },
  {
    name: 'remediation: action that does not fit the check, unknown param, inDays with at, aws: tag key',
    file: 'bad-remediation.yaml',
    expected: [
      '7:15 remediation action "enable-block-public-access" does not apply to check type age (use one of: deprecate, disable, deregister, tag)',
      '14:17 unknown key "days" in remediation params of deprecate (allowed: inDays, at)',
      '21:32 remediation.params takes inDays or at, not both',
      '21:32 remediation.params.at must be an ISO 8601 time, got "soon"',
      '29:17 remediation.params.tags key "aws:owner" is not usable (1-128 characters, no aws: prefix)',
    ],
  },
  {
    name: 'match conditions whose value does not fit the op',
    file: 'bad-match.yaml',
    expected: [
      '8:11 check.when[0].value is required with op eq',
      '9:42 invalid regex in check.when[1].value: Unterminated character class',
      '10:48 check.when[2].value is not used with op absent; remove it',
      '11:60 check.when[3].value must be a whole number of days (>= 0) with op older-than-days',
      '12:51 invalid regex in check.when[4].value[1]: Unterminated group',
      '13:41 check.when[5].value must be a glob string or a list of them with op glob',
    ],
  },
  {
    name: 'two YAML documents in one file',
    file: 'two-documents.yaml',
    expected: ['2:1 YAML syntax error: the file holds more than one YAML document; remove the extra "---"'],
  },
  {
    name: 'empty file',
    file: 'empty.yaml',
    expected: ['1:1 the file must be a map with a "rules" list, got nothing (null)'],
  },
  {
    name: 'top level is not a map',
    file: 'not-a-map.yaml',
    expected: ['1:1 the file must be a map with a "rules" list, got a list'],
  },
  {
    name: 'an exceptions file passed as rules',
    file: 'exceptions-in-rules.yaml',
    expected: [
      '1:1 missing required key "rules" in the top level',
      '1:1 unknown key "exceptions" in the top level (allowed: rules); this looks like an exceptions file, pass it with --exceptions',
    ],
  },
];

describe('loadRules errors', () => {
  it.each(CASES)('$name', async ({ file, expected }) => {
    const path = fixture('errors', file);
    const lines = await errorLines(() => loadRules([path]));
    expect(lines).toEqual(expected.map((e) => `${path}:${e}`));
  });

  it('reports every error of a file at once, in line order', async () => {
    const path = fixture('errors', 'many.yaml');
    const lines = await errorLines(() => loadRules([path]));
    expect(lines).toEqual(
      [
        '2:9 id must be kebab-case (lowercase letters and digits joined by single dashes), got "Bad_Id"',
        '3:12 title must not be empty',
        '4:15 severity must be one of info|low|medium|high|critical, got "urgent"',
        '7:28 unknown key "namePattern" in check.groupBy (allowed: tag)',
        '7:41 check.groupBy.namePattern must contain a (?<family>…) named group that names the image family',
        '8:19 check.keepLatest must be at least 1, got 0',
        '10:16 scope.regions must be a list, got string "us-east-1"',
        '11:20 scope.tags.Env must be a string or a list of strings, got number 3',
        '12:5 unknown key "extra" in rule (allowed: id, title, description, severity, check, scope, exclude, remediation, references)',
        '13:5 rule must be a map, got string "just a string"',
      ].map((e) => `${path}:${e}`),
    );
  });

  it('reports errors from every file in one throw', async () => {
    const a = fixture('errors', 'wrong-type.yaml');
    const b = fixture('errors', 'bad-regex.yaml');
    const lines = await errorLines(() => loadRules([a, b]));
    expect(lines.map((l) => l.split(' ')[0])).toEqual([`${a}:7:16`, `${b}:7:20`]);
  });

  it('reports a rule id defined twice across files at the second definition', async () => {
    const lines = await errorLines(() => loadRules([fixture('dup')]));
    expect(lines).toEqual([
      `${fixture('dup', 'b.yaml')}:3:9 duplicate rule id "ami-max-age" (first defined at ${fixture('dup', 'a.yaml')}:2)`,
    ]);
  });

  it('names a path that does not exist', async () => {
    const lines = await errorLines(() => loadRules(['no/such/rules']));
    expect(lines).toEqual(['no/such/rules no such file or folder']);
  });
});
