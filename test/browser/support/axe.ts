import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** One rule axe-core found broken on a page, with where. */
export interface Violation {
  readonly rule: string;
  readonly impact: string;
  readonly help: string;
  /** The offending elements: their selector and the start of their HTML. */
  readonly nodes: string[];
}

/**
 * Runs axe-core (all its rules: WCAG 2.x A and AA and its best practices) over the page as it is
 * now and returns the violations rated serious or critical. The engine is injected into the page
 * from the test's own copy, so the page needs nothing of it.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: axe.source });
  }
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(context: Document, options: object): Promise<axe.AxeResults> } }).axe.run(document, {
      resultTypes: ['violations'],
    }),
  );
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      nodes: violation.nodes.map(
        (node) =>
          `${node.target.join(' ')} ${node.html.slice(0, 160)}${node.failureSummary ? ` — ${node.failureSummary.replace(/\s+/g, ' ').slice(0, 200)}` : ''}`,
      ),
    }));
}

/** One line per violation and element, for a failure message that says what to fix. */
export function describeViolations(where: string, violations: readonly Violation[]): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map((node) => `${where}: ${violation.rule} (${violation.impact}) ${violation.help} — ${node}`),
  );
}
