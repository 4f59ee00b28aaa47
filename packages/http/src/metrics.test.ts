import { describe, expect, it } from 'vitest';
import { anonymousLabel, BoundedLabel, createRegistry, notReady, otherLabel, sampledCounter, sampledGauge } from './metrics.ts';

describe('BoundedLabel', () => {
  it('keeps the first names apart and puts every later one under (other)', () => {
    const label = new BoundedLabel(2);
    expect(label.of('ListAlliances')).toBe('ListAlliances');
    expect(label.of('Publish')).toBe('Publish');
    expect(label.of('Third')).toBe(otherLabel);
    // A name seen before the cap keeps its own value after it.
    expect(label.of('ListAlliances')).toBe('ListAlliances');
  });

  it('names a missing operation (anonymous) and refuses values not shaped like a GraphQL name', () => {
    const label = new BoundedLabel(10);
    expect(label.of(undefined)).toBe(anonymousLabel);
    expect(label.of('')).toBe(anonymousLabel);
    expect(label.of('query { secret }')).toBe(otherLabel);
    expect(label.of('a'.repeat(101))).toBe(otherLabel);
  });

  it('holds 4,000 distinct names to its capacity plus one', () => {
    const label = new BoundedLabel(100);
    const values = new Set(Array.from({ length: 4000 }, (_, i) => label.of(`Op${i}`)));
    expect(values.size).toBe(101);
  });
});

describe('notReady', () => {
  it('names the checks that fail or take too long, and only those', async () => {
    const failing = await notReady(
      {
        database: async () => {},
        alliance: async () => {
          throw new Error('refused');
        },
        slow: () => new Promise((resolve) => setTimeout(resolve, 1000)),
      },
      50,
    );
    expect(failing).toEqual(['alliance', 'slow']);
  });
});

describe('sampled metrics', () => {
  it('read their source at each scrape, and a failed reading shows as NaN', async () => {
    const registry = createRegistry();
    let delivered = 3;
    sampledCounter(registry, 'test_delivered_total', 'delivered', () => delivered);
    sampledGauge(registry, 'test_backlog', 'backlog', async () => {
      throw new Error('database down');
    });
    expect(await registry.metrics()).toContain('test_delivered_total 3');
    delivered = 5;
    const text = await registry.metrics();
    expect(text).toContain('test_delivered_total 5');
    expect(text).toMatch(/^test_backlog nan$/im);
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});
