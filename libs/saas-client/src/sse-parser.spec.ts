import { createSseParser, type SseBlock } from './sse-parser';

function parse(chunks: string[], maxBlockBytes?: number) {
  const blocks: SseBlock[] = [];
  let oversize = 0;
  const parser = createSseParser({ onBlock: (b) => blocks.push(b), onOversize: () => oversize++, maxBlockBytes });
  for (const chunk of chunks) parser.push(chunk);
  return { blocks, oversize };
}

describe('createSseParser', () => {
  it('reads comments, events with ids, and joins data lines', () => {
    const { blocks } = parse([':\n\nevent: *\nid: 7\ndata: {"a":\ndata:1}\n\n']);
    expect(blocks).toEqual([
      { data: undefined, id: undefined },
      { data: '{"a":\n1}', id: '7' },
    ]);
  });

  it('accepts \\r\\n and \\r line endings, also split across chunks', () => {
    const { blocks } = parse(['data: a\r', '\ndata: b\r\r', '\ndata: c\r\n\r\n']);
    expect(blocks).toEqual([{ data: 'a\nb', id: undefined }, { data: 'c', id: undefined }]);
  });

  it('keeps a block split in the middle of a line', () => {
    const { blocks } = parse(['event: *\nda', 'ta: {"event":"pa', 'tch"}\n', '\n']);
    expect(blocks).toEqual([{ data: '{"event":"patch"}', id: undefined }]);
  });

  it('ignores blank lines between blocks and unknown fields', () => {
    const { blocks } = parse(['\n\nretry: 10\nfoo\ndata:x\n\n']);
    expect(blocks).toEqual([{ data: 'x', id: undefined }]);
  });

  it('discards a block beyond the size limit and goes on', () => {
    const { blocks, oversize } = parse([`data: ${'x'.repeat(200)}\n\ndata: ok\n\n`], 100);
    expect(oversize).toBe(1);
    expect(blocks).toEqual([{ data: 'ok', id: undefined }]);
  });
});
