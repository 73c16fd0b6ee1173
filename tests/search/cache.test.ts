import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/search/cache.ts';
import { fixtureEngine } from '../helpers/engine.ts';

describe('LruCache', () => {
  it('drops the least recently used entry when full', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('keeps nothing with no capacity', () => {
    const cache = new LruCache<number>(0);
    cache.set('a', 1);
    expect(cache.get('a')).toBeUndefined();
  });
});

describe('engine answer cache', () => {
  it('answers a repeated question from the cache, frozen so no caller can change it', async () => {
    const engine = await fixtureEngine();
    const first = engine.ask('HBC members');
    expect(engine.ask('HBC members')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.answers[0]?.snippets[0]?.citation)).toBe(true);
  });

  it('keys on everything that changes the answer', async () => {
    const engine = await fixtureEngine();
    expect(engine.ask('cluster', { offset: 1 })).not.toBe(engine.ask('cluster'));
    expect(engine.ask('when was it founded?', { context: ['north-life'] }).answers[0]?.id).toBe('north-life');
    expect(engine.ask('when was it founded?', { context: ['harbour-cluster'] }).answers[0]?.id).toBe('harbour-cluster');
  });
});
