import { describe, it } from 'vitest';
import { FORMAT_MAP, FORMATS } from '../../src/report/formats/index.js';
import { expectGolden, loadFixture } from './helpers.js';

// rootDir keeps SARIF URIs independent of where the tests run.
const OPTIONS = { rootDir: '/repo' };

describe('golden files of the sample report', () => {
  const report = loadFixture();
  it.each(FORMATS)('%s matches its golden file', (format) => {
    expectGolden(`fixture/${FORMAT_MAP[format].file}`, FORMAT_MAP[format].render(report, OPTIONS));
  });
});
