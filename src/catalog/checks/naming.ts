import { Type as T } from '@sinclair/typebox';
import type { ImageRecord } from '../../inventory/schema.js';
import { defineCheck } from '../check.js';
import { boundedTest, MAX_REGEX_INPUT, regexIssue, userRegex } from '../regex.js';

/** One unmet naming requirement, as listed in the evidence. */
interface Unmet {
  requirement: 'namePattern' | 'requiredTag' | 'description';
  key?: string;
  expected: string;
  actual: string | null;
}

/** Unmet requirements with their message parts; created on the first one only, since most AMIs pass. */
class Problems {
  readonly unmet: Unmet[] = [];
  readonly texts: string[] = [];
  add(u: Unmet, text: string): this {
    this.unmet.push(u);
    this.texts.push(text);
    return this;
  }
}

/** naming: the name matches a regex, required tags are present (and match), a description exists. */
export const naming = defineCheck({
  type: 'naming',
  title: 'AMI names, tags and descriptions follow the convention',
  description: `Fails when an AMI does not meet every requirement the rule sets:

- its name matches \`namePattern\` (an AMI without a name fails);
- each tag of \`requiredTags\` is present and not empty, and its value matches the tag's regex (\`null\`: any non-empty value);
- with \`descriptionRequired\`, its description is neither missing nor blank.

One finding per AMI lists every unmet requirement in \`evidence.unmet\`. Regexes are tested against the first ${MAX_REGEX_INPUT} characters of a value at most: AWS caps names at 128 characters and tag values at 256, so this changes no legitimate result and bounds the cost of a pathological pattern (see [Regexes](../rule-file.md#regexes)).`,
  example: `- id: ami-naming
  title: AMI names follow <team>-<app>-<yyyymmdd>
  severity: low
  check:
    type: naming
    namePattern: "^[a-z0-9]+-[a-z0-9-]+-[0-9]{8}$"
    requiredTags: { Owner: null, CostCenter: "^[0-9]{4}$" }
    descriptionRequired: true`,
  resourceTypes: ['ec2:image'],
  params: T.Object(
    {
      namePattern: T.Optional(
        T.String({ minLength: 1, description: 'regex the AMI name must match; an AMI without a name fails' }),
      ),
      requiredTags: T.Optional(
        T.Record(T.String(), T.Union([T.String(), T.Null()]), {
          description:
            'tag key → regex its value must match, or null for any non-empty value; a missing or empty tag fails',
        }),
      ),
      descriptionRequired: T.Optional(
        T.Boolean({ description: 'the AMI must have a description that is not blank (default false)' }),
      ),
    },
    { additionalProperties: false },
  ),
  collectors: () => [],
  remediation: { kinds: ['lifecycle', 'annotation'], irreversible: false },
  validate(params, issue) {
    regexIssue(params.namePattern, ['namePattern'], issue);
    const tags = params.requiredTags;
    if (tags && typeof tags === 'object' && !Array.isArray(tags)) {
      for (const [key, value] of Object.entries(tags)) regexIssue(value, ['requiredTags', key], issue);
    }
  },
  create(check) {
    const nameRe = check.namePattern !== undefined ? userRegex(check.namePattern, 'namePattern') : undefined;
    const tagReqs = Object.entries(check.requiredTags ?? {}).map(([key, pattern]) => ({
      key,
      pattern,
      re: pattern === null ? undefined : userRegex(pattern, `requiredTags.${key}`),
    }));
    const descriptionRequired = check.descriptionRequired === true;

    const inspect = (img: ImageRecord): Problems | undefined => {
      let p: Problems | undefined;
      if (nameRe && !(img.name !== undefined && boundedTest(nameRe, img.name))) {
        p = (p ?? new Problems()).add(
          { requirement: 'namePattern', expected: nameRe.source, actual: img.name ?? null },
          img.name === undefined
            ? 'has no name'
            : `name ${JSON.stringify(img.name)} does not match /${nameRe.source}/`,
        );
      }
      for (const t of tagReqs) {
        const value = img.tags[t.key];
        if (value === undefined || value === '') {
          p = (p ?? new Problems()).add(
            {
              requirement: 'requiredTag',
              key: t.key,
              expected: t.pattern ?? 'any non-empty value',
              actual: value ?? null,
            },
            `tag ${JSON.stringify(t.key)} is missing`,
          );
        } else if (t.re && !boundedTest(t.re, value)) {
          p = (p ?? new Problems()).add(
            { requirement: 'requiredTag', key: t.key, expected: t.pattern ?? '', actual: value },
            `tag ${JSON.stringify(t.key)}=${JSON.stringify(value)} does not match /${t.pattern}/`,
          );
        }
      }
      if (descriptionRequired && (img.description === undefined || img.description.trim() === '')) {
        p = (p ?? new Problems()).add(
          { requirement: 'description', expected: 'a non-empty description', actual: null },
          'has no description',
        );
      }
      return p;
    };

    return {
      image(img, sink) {
        const p = inspect(img);
        if (!p) {
          sink.pass(img);
          return;
        }
        sink.finding({
          subject: { type: 'ec2:image', image: img },
          status: 'open',
          message: `AMI ${img.imageId} ${p.texts.join('; ')}`,
          evidence: { unmet: p.unmet },
        });
      },
    };
  },
});
