import { createItemCatalog } from './item-catalog';

type Item = { id: string; version: number; value: string };
const item = (id: string, version: number, value = 'v'): Item => ({ id, version, value });

describe('createItemCatalog', () => {
  it('starts new identifiers at version 1 and counts up on every change', () => {
    const catalog = createItemCatalog<Item>(new Map(), 'env');
    expect(catalog.nextVersion('a')).toBe(1);
    expect(catalog.put('a', item('a', 1), 1)).toBe('create');
    expect(catalog.nextVersion('a')).toBe(2);
    expect(catalog.put('a', item('a', 2), 2)).toBe('patch');
    expect(catalog.list()).toEqual([item('a', 2)]);
  });

  it('never reuses a version after a delete, even in a new catalog sharing the memory', () => {
    const versions = new Map<string, number>();
    const catalog = createItemCatalog<Item>(versions, 'env');
    catalog.put('a', item('a', 1), 1);
    expect(catalog.delete('a')).toBe(2);
    expect(catalog.delete('a')).toBeUndefined();
    expect(catalog.nextVersion('a')).toBe(3);
    expect(createItemCatalog<Item>(versions, 'env').nextVersion('a')).toBe(3);
    expect(createItemCatalog<Item>(versions, 'other').nextVersion('a')).toBe(1);
  });

  it('keeps a seeded version and continues after it', () => {
    const catalog = createItemCatalog<Item>(new Map(), 'env');
    catalog.put('a', item('a', 7), 7);
    expect(catalog.nextVersion('a')).toBe(8);
  });

  it('serves the previous version of the item changed last as the stale list', () => {
    const catalog = createItemCatalog<Item>(new Map(), 'env');
    expect(catalog.staleList()).toEqual([]);
    catalog.put('a', item('a', 1, 'old'), 1);
    catalog.put('b', item('b', 1), 1);
    expect(catalog.staleList()).toEqual([item('a', 1, 'old')]); // b was created last: absent
    catalog.put('a', item('a', 2, 'new'), 2);
    expect(catalog.staleList()).toEqual([item('a', 1, 'old'), item('b', 1)]);
    catalog.delete('b');
    expect(catalog.list()).toEqual([item('a', 2, 'new')]);
    expect(catalog.staleList()).toEqual([item('a', 2, 'new'), item('b', 1)]);
  });
});
