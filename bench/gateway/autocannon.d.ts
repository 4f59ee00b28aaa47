// The part of autocannon 9's API the gateway benchmark uses (the package ships no types).
declare module 'autocannon' {
  namespace autocannon {
    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Seconds without an answer before a request counts as timed out (default 10). */
      timeout?: number;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      /** Called with each response's body; a false answer counts as a mismatch. */
      verifyBody?: (body: string) => boolean;
    }
    interface Histogram {
      average: number;
      p50: number;
      p99: number;
      max: number;
      total: number;
    }
    interface Result {
      /** Milliseconds. */
      latency: Histogram;
      /** Per second; `total` completed, `sent` sent. */
      requests: Histogram & { sent: number };
      /** Seconds. */
      duration: number;
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
    }
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export = autocannon;
}
