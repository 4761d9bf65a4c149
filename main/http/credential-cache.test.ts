import { describe, expect, it } from 'vitest';
import type { ClientRecord } from '../core/oauth/directory';
import { createCredentialCache } from './credential-cache';

const record = (clientId: string) => ({ clientId }) as ClientRecord;

describe('createCredentialCache', () => {
  it('holds at most its size, forgetting the credentials remembered longest ago', () => {
    const current = new Map(['a', 'b', 'c'].map((id) => [id, record(id)]));
    const cache = createCredentialCache({ client: (id) => current.get(id) }, 2);
    cache.remember('basic a', current.get('a')!);
    cache.remember('basic b', current.get('b')!);
    cache.remember('basic c', current.get('c')!);
    expect(cache.get('basic a')).toBeUndefined();
    expect(cache.get('basic b')).toBe(current.get('b'));
    expect(cache.get('basic c')).toBe(current.get('c'));
  });

  it('forgets a client whose record was replaced or removed', () => {
    const current = new Map([['a', record('a')]]);
    const cache = createCredentialCache({ client: (id) => current.get(id) });
    cache.remember('basic a', current.get('a')!);
    current.set('a', record('a'));
    expect(cache.get('basic a')).toBeUndefined();
    cache.remember('basic a', current.get('a')!);
    current.delete('a');
    expect(cache.get('basic a')).toBeUndefined();
  });
});
