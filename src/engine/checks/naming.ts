import type { ImageRecord } from '../../inventory/schema.js';
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
};
