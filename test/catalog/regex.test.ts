import { describe, expect, it } from 'vitest';
import { compileUserRegex, MAX_REGEX_LENGTH, namedGroups } from '../../src/catalog/regex.js';

describe('user regexes', () => {
  it('compiles a valid pattern', () => {
    const re = compileUserRegex('^golden-(?<family>[a-z]+)-\\d+$');
    expect(re).toBeInstanceOf(RegExp);
    expect(namedGroups(re as RegExp)).toEqual(['family']);
  });

  it.each([
    ['(', 'Unterminated group'],
    ['[a-', 'Unterminated character class'],
    [
      'a'.repeat(MAX_REGEX_LENGTH + 1),
      `pattern is ${MAX_REGEX_LENGTH + 1} characters long (max ${MAX_REGEX_LENGTH})`,
    ],
  ])('rejects %#', (source, error) => {
    expect(compileUserRegex(source)).toEqual({ error });
  });

  it('accepts a pattern exactly at the length bound', () => {
    expect(compileUserRegex('a'.repeat(MAX_REGEX_LENGTH))).toBeInstanceOf(RegExp);
  });

  it('lists no groups for a pattern without named groups, and every named group otherwise', () => {
    expect(namedGroups(/^a(b)c$/)).toEqual([]);
    expect(namedGroups(/^(?<x>a)|(?<y>b)$/).sort()).toEqual(['x', 'y']);
  });
});
