import { describe, expect, it } from 'vitest';
import { parseServeArgs } from './serve-args';

describe('parseServeArgs: the demo', () => {
  it('is left to the data folder by default, and asked for or refused by flag', () => {
    expect(parseServeArgs([]).demo).toBeNull();
    expect(parseServeArgs(['--demo']).demo).toBe(true);
    expect(parseServeArgs(['--no-demo']).demo).toBe(false);
    expect(() => parseServeArgs(['--demo', '--no-demo'])).toThrow('not both');
  });
});
