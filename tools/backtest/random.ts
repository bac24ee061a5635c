/**
 * A small seeded random source, so a scenario is the same trace on every machine and every run.
 * mulberry32: 32-bit state, good enough for simulation (not for anything secret).
 */
export class Random {
    private state: number;

    constructor(seed: number) {
        this.state = seed >>> 0;
    }

    /** Uniform in [0, 1). */
    next(): number {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }

    normal(): number {
        // Box-Muller; 1 - u keeps the logarithm finite.
        const u = 1 - this.next();
        const v = this.next();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    exponential(mean: number): number {
        return -Math.log(1 - this.next()) * mean;
    }

    logNormal(median: number, sigma: number): number {
        return median * Math.exp(sigma * this.normal());
    }

    /**
     * Poisson counts: exact (Knuth) for small means, a rounded normal above 30, where the two differ
     * by less than the noise the backtest measures.
     */
    poisson(mean: number): number {
        if (mean <= 0) return 0;
        if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
        const limit = Math.exp(-mean);
        let k = 0;
        let p = this.next();
        while (p > limit) {
            k++;
            p *= this.next();
        }
        return k;
    }

    /**
     * Gamma variates of mean `shape` (scale 1), Marsaglia and Tsang's method; a gamma-distributed
     * multiplier of a Poisson mean gives negative binomial counts (overdispersion).
     */
    gamma(shape: number): number {
        if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.next(), 1 / shape);
        const d = shape - 1 / 3;
        const c = 1 / Math.sqrt(9 * d);
        for (;;) {
            let x: number;
            let v: number;
            do {
                x = this.normal();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            const u = this.next();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
        }
    }

    /** A multiplier of mean 1 and coefficient of variation 1/sqrt(shape). */
    gammaFactor(shape: number): number {
        return this.gamma(shape) / shape;
    }

    /** Binomial counts: events among `n` trials of probability `p`. */
    binomial(n: number, p: number): number {
        if (n <= 0 || p <= 0) return 0;
        if (p >= 1) return n;
        if (n < 40) {
            let k = 0;
            for (let i = 0; i < n; i++) if (this.next() < p) k++;
            return k;
        }
        const mean = n * p;
        if (p < 0.1 && mean < 30) return Math.min(n, this.poisson(mean));
        const sd = Math.sqrt(mean * (1 - p));
        return Math.min(n, Math.max(0, Math.round(mean + sd * this.normal())));
    }
}

/** A seed per name, so adding a scenario does not change the traces of the others. */
export function seedFor(base: number, ...parts: (string | number)[]): number {
    let h = (base ^ 0x811c9dc5) >>> 0;
    for (const ch of parts.join("/")) {
        h ^= ch.charCodeAt(0);
        h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
}
