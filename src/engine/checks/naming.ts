import type { NamingCheck } from '../../rules/schema.js';
import { boundedTest, compileUserRegex } from '../regex.js';
import type { CheckModule } from './types.js';

/** One unmet naming requirement, as listed in the evidence. */
interface Unmet {
  requirement: 'namePattern' | 'requiredTag' | 'description';
  key?: string;
  expected: string;
  actual: string | null;
}

/** naming: the name matches a regex, required tags are present (and match), a description exists. */
export const namingCheck: CheckModule<NamingCheck> = {
  type: 'naming',
  create(check) {
    const nameRe =
      check.namePattern !== undefined ? compileUserRegex(check.namePattern, 'namePattern') : undefined;
    const tagReqs = Object.entries(check.requiredTags ?? {}).map(([key, pattern]) => ({
      key,
      pattern,
      re: pattern === null ? undefined : compileUserRegex(pattern, `requiredTags.${key}`),
    }));
    const descriptionRequired = check.descriptionRequired === true;

    return {
      image(img, sink) {
        const unmet: Unmet[] = [];
        const problems: string[] = [];
        if (nameRe && !(img.name !== undefined && boundedTest(nameRe, img.name))) {
          unmet.push({
            requirement: 'namePattern',
            expected: nameRe.source,
            actual: img.name ?? null,
          });
          problems.push(
            img.name === undefined
              ? 'has no name'
              : `name ${JSON.stringify(img.name)} does not match /${nameRe.source}/`,
          );
        }
        for (const t of tagReqs) {
          const value = img.tags[t.key];
          if (value === undefined || value === '') {
            unmet.push({
              requirement: 'requiredTag',
              key: t.key,
              expected: t.pattern ?? 'any non-empty value',
              actual: value ?? null,
            });
            problems.push(`tag ${JSON.stringify(t.key)} is missing`);
          } else if (t.re && !boundedTest(t.re, value)) {
            unmet.push({
              requirement: 'requiredTag',
              key: t.key,
              expected: t.pattern ?? '',
              actual: value,
            });
            problems.push(
              `tag ${JSON.stringify(t.key)}=${JSON.stringify(value)} does not match /${t.pattern}/`,
            );
          }
        }
        if (descriptionRequired && (img.description === undefined || img.description.trim() === '')) {
          unmet.push({
            requirement: 'description',
            expected: 'a non-empty description',
            actual: null,
          });
          problems.push('has no description');
        }
        if (unmet.length === 0) {
          sink.pass(img);
          return;
        }
        sink.finding({
          subject: { type: 'ec2:image', image: img },
          status: 'open',
          message: `AMI ${img.imageId} ${problems.join('; ')}`,
          evidence: { unmet },
        });
      },
    };
  },
};
