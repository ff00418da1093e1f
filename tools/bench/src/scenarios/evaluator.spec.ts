import { evaluatorScenario } from './evaluator';

describe('the evaluator scenario', () => {
  it('reports its figures and both baselines for a small run', async () => {
    const report = await evaluatorScenario.run({ targets: '20', flags: '5', segments: '3', 'duration-ms': '1' });
    expect(report.figures).toMatchObject({
      flags: 5,
      segments: 3,
      targets: 20,
      evaluatorMicrosPerFlag: expect.any(Number),
      evaluatorEvaluationsPerSecond: expect.any(Number),
      ratioToOffVariationBaseline: expect.any(Number),
      ratioToNodeSdk: expect.any(Number),
      failedEvaluations: 0,
    });
    expect(report.summary.length).toBeGreaterThan(0);
  });
});
