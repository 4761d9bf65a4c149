import { describe, expect, it } from 'vitest';
import { OAuthError } from './oauth-error';
import { formParams, paramsFrom } from './request-params';

/** What URLSearchParams makes of a body: its parameters, or the refusal. */
function reference(body: string): unknown {
  try {
    return { ...paramsFrom(new URLSearchParams(body)) };
  } catch (error) {
    return error instanceof OAuthError ? error.description : error;
  }
}

function parsed(body: string): unknown {
  try {
    return { ...formParams(body) };
  } catch (error) {
    return error instanceof OAuthError ? error.description : error;
  }
}

describe('formParams', () => {
  it('reads every body as URLSearchParams does, refusals included', () => {
    const pieces = ['a', 'b', 'token', '=', '&', '&&', '?', '%41', '%zz', '%', '+', ' ', 'é', '=='];
    // A fixed pseudo-random sequence: the same bodies every run.
    let seed = 7;
    const next = (limit: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % limit;
    };
    const bodies = ['', '&', '=', 'a', 'a=', '=a', 'a=b&a=c', 'a=&a=b', '?a=b', 'a=b=c'];
    for (let i = 0; i < 5_000; i += 1) {
      bodies.push(Array.from({ length: 1 + next(8) }, () => pieces[next(pieces.length)]).join(''));
    }
    for (const body of bodies) expect(parsed(body), body).toEqual(reference(body));
  });
});
