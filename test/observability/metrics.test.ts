import { describe, expect, it } from 'vitest';
import { createMetrics, METRIC_NAMES, noopMetrics } from '../../src/observability/metrics.js';

/** The value of one sample line (`name{labels} value`), or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics', () => {
  it('counts commands by surface, kind and outcome, across scrapes', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.commandHandled('slash', 'all', 'ok');
    metrics.commandHandled('slash', 'all', 'ok');
    metrics.commandHandled('mention', 'one', 'failed');
    let text = (await metrics.scrape()).text;
    expect(sample(text, `${METRIC_NAMES.commands}{surface="slash",kind="all",outcome="ok"}`)).toBe(2);
    expect(sample(text, `${METRIC_NAMES.commands}{surface="mention",kind="one",outcome="failed"}`)).toBe(1);
    expect(text).toContain(`# TYPE ${METRIC_NAMES.commands} counter`);

    // Counts made between scrapes are added once, not again at every scrape.
    metrics.commandHandled('slash', 'all', 'ok');
    await metrics.scrape();
    text = (await metrics.scrape()).text;
    expect(sample(text, `${METRIC_NAMES.commands}{surface="slash",kind="all",outcome="ok"}`)).toBe(3);
    expect(sample(text, `${METRIC_NAMES.commands}{surface="mention",kind="one",outcome="failed"}`)).toBe(1);
  });

  it('times WeChat calls in buckets from 50 ms to 10 s, by endpoint and outcome', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.wechatCall('queryquota', 'ok', 0.04);
    metrics.wechatCall('queryquota', 'ok', 0.3);
    metrics.wechatCall('queryquota', 'transport', 9.2);
    const text = (await metrics.scrape()).text;
    const h = METRIC_NAMES.wechatSeconds;
    expect(sample(text, `${h}_bucket{le="0.05",api="queryquota",outcome="ok"}`)).toBe(1);
    expect(sample(text, `${h}_bucket{le="0.5",api="queryquota",outcome="ok"}`)).toBe(2);
    expect(sample(text, `${h}_count{api="queryquota",outcome="ok"}`)).toBe(2);
    expect(sample(text, `${h}_bucket{le="5",api="queryquota",outcome="transport"}`)).toBe(0);
    expect(sample(text, `${h}_bucket{le="10",api="queryquota",outcome="transport"}`)).toBe(1);
    expect(sample(text, `${h}_sum{api="queryquota",outcome="transport"}`)).toBeCloseTo(9.2);
  });

  it('counts token refreshes and deliveries', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.tokenRefresh('central', 'ok');
    metrics.tokenRefresh('authorizer', 'failed');
    metrics.digestDelivered('digest');
    metrics.digestDelivered('digest');
    metrics.digestFailed('alert');
    const text = (await metrics.scrape()).text;
    expect(sample(text, `${METRIC_NAMES.tokenRefreshes}{source="central",outcome="ok"}`)).toBe(1);
    expect(sample(text, `${METRIC_NAMES.tokenRefreshes}{source="authorizer",outcome="failed"}`)).toBe(1);
    expect(sample(text, `${METRIC_NAMES.digestsDelivered}{kind="digest"}`)).toBe(2);
    expect(sample(text, `${METRIC_NAMES.digestsFailed}{kind="alert"}`)).toBe(1);
  });

  it('keeps two apps apart: each has its own registry', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.commandHandled('slash', 'help', 'ok');
    const series = `${METRIC_NAMES.commands}{surface="slash",kind="help",outcome="ok"}`;
    expect(sample((await a.scrape()).text, series)).toBe(1);
    expect(sample((await b.scrape()).text, series)).toBeUndefined();
    // Both carry the process's default metrics, under their standard names.
    for (const metrics of [a, b]) {
      const text = (await metrics.scrape()).text;
      expect(text).toContain('process_cpu_user_seconds_total');
      expect(text).toContain('nodejs_eventloop_lag_seconds');
      expect(text).toContain('nodejs_heap_size_used_bytes');
    }
  });

  it('bounds the series of a label: unforeseen values beyond 32 are counted as "other"', async () => {
    const metrics = createMetrics({ processMetrics: false });
    for (let i = 0; i < 100; i++) metrics.commandHandled('slash', `kind${i}`, 'ok');
    const text = (await metrics.scrape()).text;
    const lines = text.split('\n').filter((l) => l.startsWith(`${METRIC_NAMES.commands}{`));
    expect(lines).toHaveLength(33);
    expect(sample(text, `${METRIC_NAMES.commands}{surface="slash",kind="other",outcome="ok"}`)).toBe(68);
  });

  it('the no-op metrics accept every call and show nothing', async () => {
    noopMetrics.commandHandled('slash', 'all', 'ok');
    noopMetrics.wechatCall('queryquota', 'ok', 0.1);
    noopMetrics.tokenRefresh('central', 'ok');
    noopMetrics.digestDelivered('digest');
    noopMetrics.digestFailed('digest');
    expect((await noopMetrics.scrape()).text.trim()).toBe('');
  });
});
