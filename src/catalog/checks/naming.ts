import { Type as T } from '@sinclair/typebox';
import type { ImageRecord } from '../../inventory/schema.js';
import { defineCheck } from '../check.js';
import { boundedTest, regexIssue, userRegex } from '../regex.js';

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
  description: `Fails when an AMI's name does not match \`namePattern\`, a required tag is missing (or its value does not match its regex), or \`descriptionRequired\` is set and the description is empty. One finding per AMI lists every unmet requirement in \`evidence.unmet\`.`,
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
      namePattern: T.Optional(T.String({ minLength: 1, description: 'regex the AMI name must match' })),
      requiredTags: T.Optional(
        T.Record(T.String(), T.Union([T.String(), T.Null()]), {
          description: 'tag key → regex for its value, or null for any non-empty value',
        }),
      ),
      descriptionRequired: T.Optional(T.Boolean()),
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
