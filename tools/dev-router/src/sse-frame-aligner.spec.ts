import { createSseFrameAligner } from './sse-frame-aligner';

const text = (buffer: Buffer | undefined) => buffer?.toString();

describe('createSseFrameAligner', () => {
  it('passes complete frames at once, several in one chunk included', () => {
    const aligner = createSseFrameAligner();
    expect(text(aligner.push(Buffer.from(':\n\n')))).toBe(':\n\n');
    expect(text(aligner.push(Buffer.from('data: {"a":1}\n\ndata: {"b":2}\n\n')))).toBe('data: {"a":1}\n\ndata: {"b":2}\n\n');
    expect(aligner.rest()).toBeUndefined();
  });

  it('holds a frame split across chunks until its end arrives', () => {
    const aligner = createSseFrameAligner();
    expect(aligner.push(Buffer.from('id: 1-0\nevent: *\ndata: {"ident'))).toBeUndefined();
    expect(text(aligner.push(Buffer.from('ifier":"f"}\n\ndata: {"x"')))).toBe('id: 1-0\nevent: *\ndata: {"identifier":"f"}\n\n');
    expect(aligner.push(Buffer.from(':1}\n'))).toBeUndefined();
    expect(text(aligner.push(Buffer.from('\n')))).toBe('data: {"x":1}\n\n');
  });

  it('hands out an unfinished tail when the stream ends', () => {
    const aligner = createSseFrameAligner();
    aligner.push(Buffer.from('data: partial'));
    expect(text(aligner.rest())).toBe('data: partial');
    expect(aligner.rest()).toBeUndefined();
  });
});
