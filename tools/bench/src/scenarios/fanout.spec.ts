import { deliveryFigures, quantile } from './fanout-figures';
import { fanoutScenario } from './fanout';

describe('the fanout scenario', () => {
  it('reports delivery and memory figures for a small in-process run', async () => {
    const report = await fanoutScenario.run({ streams: '20', 'keepalive-ms': '1000', clients: 'in-process' });
    expect(report.figures).toMatchObject({
      streams: 20,
      clients: 'in-process',
      received: 20,
      missing: 0,
      latencyP50Ms: expect.any(Number),
      latencyP99Ms: expect.any(Number),
      rssPerStreamKiB: expect.any(Number),
    });
    expect(report.summary.length).toBeGreaterThan(0);
  });

  it('counts a stream as held by the guard when its last comment came less than 250 ms before the publish', () => {
    const figures = deliveryFigures(
      [
        { lastCommentAt: 900, eventAt: 1260 }, // comment 100 ms before the publish: held
        { lastCommentAt: 500, eventAt: 1010 }, // comment 500 ms before: free
        { lastCommentAt: 400, eventAt: undefined },
      ],
      1000,
    );
    expect(figures).toMatchObject({
      received: 2,
      missing: 1,
      guardHeldStreams: 1,
      guardHeldShare: 0.5,
      guardHeldMaxMs: 260,
      unguardedMaxMs: 10,
    });
  });

  it('takes nearest-rank quantiles', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.99)).toBe(4);
    expect(quantile([], 0.5)).toBeNull();
  });
});
