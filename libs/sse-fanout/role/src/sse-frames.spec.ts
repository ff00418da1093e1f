import { eventFrame, frameData, COMMENT_FRAME } from './sse-frames';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';

describe('SSE frames (spec/sdk-api.md §8.3)', () => {
  const patch = { event: 'patch', domain: 'flag', identifier: 'bool-flag1', version: 4, environment: ENV } as const;

  it('builds the data JSON with the six fields in order and an empty apiKey', () => {
    expect(frameData(patch)).toBe(
      '{"event":"patch","domain":"flag","identifier":"bool-flag1","version":4,"environment":"71716f30-aea0-4271-89b5-cb1c82be4567","apiKey":""}',
    );
  });

  it('never sends envVersion or environments even when the item carries them', () => {
    const withExtras = { ...patch, envVersion: 1700000000124, environments: ['x'], apiKey: 'secret' };
    expect(frameData(withExtras)).not.toMatch(/envVersion|environments|secret/);
  });

  it('writes id, event and data lines and a blank line, with \\n line endings and no retry field', () => {
    expect(eventFrame(patch, '1700000000000-0')).toBe(`id: 1700000000000-0\nevent: *\ndata: ${frameData(patch)}\n\n`);
  });

  it('leaves the id line out of recovery frames', () => {
    expect(eventFrame({ ...patch, event: 'delete', domain: 'target-segment' })).toBe(
      `event: *\ndata: {"event":"delete","domain":"target-segment","identifier":"bool-flag1","version":4,"environment":"${ENV}","apiKey":""}\n\n`,
    );
  });

  it('keeps an identifier with a line break inside the JSON string, so a frame stays one data line', () => {
    const frame = eventFrame({ ...patch, identifier: 'a\nb' }, '1-0');
    expect(frame.split('\n')).toHaveLength(5);
  });

  it('uses the empty comment as heartbeat', () => {
    expect(COMMENT_FRAME).toBe(':\n\n');
  });
});
