import {
  parseAutoClaim,
  parseConsumers,
  parseEntries,
  parseGroupInfo,
  parseReadReply,
  parseStreamInfo,
} from './parse-stream-replies';

describe('stream reply parsers', () => {
  it('reads entries by their event field', () => {
    expect(parseEntries([['1-0', ['event', '{}']], ['1-1', ['other', 'x', 'event', '[]']], ['1-2', null]])).toEqual([
      { id: '1-0', event: '{}' },
      { id: '1-1', event: '[]' },
      { id: '1-2', event: '' },
    ]);
  });

  it('reads XREAD replies, nil meaning nothing', () => {
    expect(parseReadReply(null)).toEqual([]);
    expect(parseReadReply([['proxy:sse_events', [['5-0', ['event', '{}']]]]])).toEqual([{ id: '5-0', event: '{}' }]);
  });

  it('reads XINFO STREAM', () => {
    const reply = [
      'length', 2, 'radix-tree-keys', 1, 'radix-tree-nodes', 2, 'last-generated-id', '3-0',
      'max-deleted-entry-id', '0-0', 'entries-added', 3, 'recorded-first-entry-id', '2-0', 'groups', 0,
      'first-entry', ['2-0', ['event', 'b']], 'last-entry', ['3-0', ['event', 'c']],
    ];
    expect(parseStreamInfo(reply)).toEqual({ length: 2, entriesAdded: 3, maxDeletedEntryId: '0-0', firstEntryId: '2-0', lastEntryId: '3-0' });
    const empty = ['length', 0, 'max-deleted-entry-id', '0-0', 'entries-added', 0, 'first-entry', null, 'last-entry', null];
    expect(parseStreamInfo(empty)).toMatchObject({ firstEntryId: undefined, lastEntryId: undefined });
  });

  it('reads one group of XINFO GROUPS, nil counters as undefined', () => {
    const reply = [
      ['name', 'audit', 'consumers', 0, 'pending', 0, 'last-delivered-id', '0-0', 'entries-read', null, 'lag', 2],
      ['name', 'metrics-forwarder', 'consumers', 1, 'pending', 1, 'last-delivered-id', '2-0', 'entries-read', 2, 'lag', null],
    ];
    expect(parseGroupInfo(reply, 'metrics-forwarder')).toEqual({ entriesRead: 2, lag: undefined, pending: 1 });
    expect(parseGroupInfo(reply, 'audit')).toEqual({ entriesRead: undefined, lag: 2, pending: 0 });
    expect(parseGroupInfo(reply, 'missing')).toBeUndefined();
  });

  it('reads XINFO CONSUMERS and XAUTOCLAIM', () => {
    expect(parseConsumers([['name', 'c1', 'pending', 1, 'idle', 13]])).toEqual([{ name: 'c1', pending: 1, idleMs: 13 }]);
    expect(parseAutoClaim(['3-0', [['4-0', ['event', 'e4']]], ['1-0', '2-0']])).toEqual({
      nextCursor: '3-0',
      entries: [{ id: '4-0', event: 'e4' }],
      deletedIds: ['1-0', '2-0'],
    });
  });

  it('fails loudly on an unexpected shape', () => {
    expect(() => parseEntries('OK')).toThrow('unexpected Redis reply');
  });
});
