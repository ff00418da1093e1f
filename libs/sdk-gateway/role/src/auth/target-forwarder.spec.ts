import { createFakeClock } from '@relay/lifecycle/testing';
import { createTargetForwarder, FORWARD_DEDUPE_MS, toTargetData } from './target-forwarder';

describe('target forwarder', () => {
  const target = { identifier: 'user1', name: 'User 1', attributes: { plan: 'pro', seats: 3, beta: true, tags: ['a'] } };

  it('turns attributes into key/value strings, non-strings as JSON', () => {
    expect(toTargetData(target)).toEqual({
      identifier: 'user1',
      name: 'User 1',
      attributes: [
        { key: 'plan', value: 'pro' },
        { key: 'seats', value: '3' },
        { key: 'beta', value: 'true' },
        { key: 'tags', value: '["a"]' },
      ],
    });
    expect(toTargetData({ identifier: 'u', name: 'u' }).attributes).toEqual([]);
  });

  it('forwards each environment, identifier and attributes at most once per 10 minutes', async () => {
    const clock = createFakeClock();
    const forwarder = createTargetForwarder(clock);
    expect(forwarder.claim('env-1', target)).toEqual({ environment_id: 'env-1', targetData: [toTargetData(target)] });
    expect(forwarder.claim('env-1', target)).toBeUndefined();
    expect(forwarder.claim('env-2', target)).toBeDefined();
    expect(forwarder.claim('env-1', { ...target, attributes: { plan: 'free' } })).toBeDefined();
    await clock.advance(FORWARD_DEDUPE_MS - 1);
    expect(forwarder.claim('env-1', target)).toBeUndefined();
    await clock.advance(1);
    expect(forwarder.claim('env-1', target)).toBeDefined();
  });

  it('forgets a released claim so the next authentication tries again', () => {
    const forwarder = createTargetForwarder(createFakeClock());
    forwarder.claim('env-1', target);
    forwarder.release('env-1', target);
    expect(forwarder.claim('env-1', target)).toBeDefined();
  });
});
