import { systemClock } from '@relay/lifecycle';
import { createCapturingLogger } from '@relay/logging/testing';
import { createMetricsRegistry } from '@relay/metrics';
import { serializeSseEvent, streamNames, type SseEvent } from '@relay/redis-contract';
import { createMemoryStore, StoreError, type EventStream } from '@relay/store';
import { createChangeFeed } from './change-feed';
import { createReplicaMetrics } from './replica-metrics';

const patch = (identifier: string, envVersion = 1): SseEvent => ({
  event: 'patch', domain: 'flag', identifier, version: 2, environment: 'env-a', apiKey: '', envVersion,
});
const waitFor = async (predicate: () => boolean, ms = 3000) => {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

function setup(events: EventStream = createMemoryStore().events) {
  const logger = createCapturingLogger();
  const registry = createMetricsRegistry({ service: 't', version: '0' });
  const feed = createChangeFeed({ events, clock: systemClock, logger, metrics: createReplicaMetrics(registry), blockMs: 50 });
  const seen: { id: string; identifier: string }[] = [];
  let gaps = 0;
  feed.subscribe({ onEvent: (event, id) => seen.push({ id, identifier: event.identifier }), onGap: () => gaps++ });
  return { feed, events, logger, registry, seen, gaps: () => gaps };
}

describe('createChangeFeed', () => {
  it('starts after the newest entry and delivers new ones in order, skipping malformed entries', async () => {
    const { feed, events, seen, registry } = setup();
    await events.append(streamNames.sseEvents, serializeSseEvent(patch('old')), 100);
    await feed.start();
    const a = await events.append(streamNames.sseEvents, serializeSseEvent(patch('a')), 100);
    await events.append(streamNames.sseEvents, 'not json', 100);
    const b = await events.append(streamNames.sseEvents, serializeSseEvent(patch('b')), 100);
    await waitFor(() => seen.length === 2);
    expect(seen).toEqual([{ id: a, identifier: 'a' }, { id: b, identifier: 'b' }]);
    expect(feed.lastId()).toBe(b);
    expect(await registry.metrics()).toContain('ff_proxy_replica_sse_consumer_messages_received{topic="proxy:sse_events",error="err_parsing_message"} 1');
    await feed.close();
  });

  it('reports a gap when entries it never saw were trimmed', async () => {
    const { feed, events, gaps, logger } = setup();
    await feed.start();
    expect(await feed.checkGap()).toBe(false);
    for (let i = 0; i < 5; i++) await events.append(streamNames.sseEvents, serializeSseEvent(patch(`f${i}`)), 2);
    await feed.close();
    expect(await feed.checkGap()).toBe(false); // it read them all before they were trimmed
    const late = setup(events);
    await late.feed.start();
    await late.feed.close();
    for (let i = 0; i < 5; i++) await events.append(streamNames.sseEvents, serializeSseEvent(patch(`g${i}`)), 2);
    expect(await late.feed.checkGap()).toBe(true);
    expect(late.gaps()).toBe(1);
    expect(late.logger.find('events gap detected')).toHaveLength(1);
    expect(gaps()).toBe(0);
    expect(logger.find('events gap detected')).toHaveLength(0);
  });

  it('treats a vanished stream as a gap only after it had processed an entry', async () => {
    const store = createMemoryStore();
    const { feed, gaps } = setup(store.events);
    await feed.start();
    expect(await feed.checkGap()).toBe(false);
    await store.events.append(streamNames.sseEvents, serializeSseEvent(patch('a')), 100);
    await waitFor(() => feed.lastId() !== '0-0');
    await store.cache.delete(streamNames.sseEvents as never);
    expect(await feed.checkGap()).toBe(true);
    expect(feed.lastId()).toBe('0-0');
    expect(await feed.checkGap()).toBe(false);
    expect(gaps()).toBe(1);
    await feed.close();
  });

  it('is unhealthy from a read error until it resumed and passed the gap check, losing nothing', async () => {
    const store = createMemoryStore();
    let failing = false;
    const flaky: EventStream = {
      ...store.events,
      openReader(stream) {
        const reader = store.events.openReader(stream);
        return { read: (id, o) => (failing ? Promise.reject(new StoreError('UNAVAILABLE', 'down')) : reader.read(id, o)), close: () => reader.close() };
      },
      info: (stream) => (failing ? Promise.reject(new StoreError('UNAVAILABLE', 'down')) : store.events.info(stream)),
    };
    const { feed, seen } = setup(flaky);
    await feed.start();
    failing = true;
    await waitFor(() => !feed.isHealthy());
    await store.events.append(streamNames.sseEvents, serializeSseEvent(patch('during-outage')), 100);
    failing = false;
    await waitFor(() => feed.isHealthy() && seen.length === 1, 5000);
    expect(seen.map((s) => s.identifier)).toEqual(['during-outage']);
    await feed.close();
  });
});
