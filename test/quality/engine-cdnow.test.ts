import { measureCdnow } from "../../bench/engine-quality"

/**
 * The papers' CDNOW calibration through `medusa-ml train`: the sample, purchases through
 * 1997-09-30 (--as-of 1997-10-01), same-day purchases merged, weeks. BG/NBD (Fader,
 * Hardie & Lee 2005): r 0.243, alpha 4.414, a 0.793, b 2.426, log-likelihood -9582.4;
 * Gamma-Gamma on the customers with repeat purchases: p 6.25, q 3.74, gamma 15.44.
 */
describe("the value models on the CDNOW sample, as the papers calibrate them", () => {
  const within = (value: number, target: number, relative: number) => Math.abs(value - target) / target <= relative

  it("reproduces the papers' BG/NBD and Gamma-Gamma estimates", async () => {
    const { bgnbd, gammaGamma } = await measureCdnow()
    console.log(JSON.stringify({ bgnbd, gammaGamma }))
    expect(within(bgnbd.r, 0.243, 0.005)).toBe(true)
    expect(within(bgnbd.alpha, 4.414, 0.005)).toBe(true)
    expect(within(bgnbd.a, 0.793, 0.005)).toBe(true)
    expect(within(bgnbd.b, 2.426, 0.005)).toBe(true)
    expect(bgnbd.logLikelihood).toBeCloseTo(-9582.4, 0)
    expect(within(gammaGamma.p, 6.25, 0.01)).toBe(true)
    expect(within(gammaGamma.q, 3.74, 0.01)).toBe(true)
    expect(within(gammaGamma.gamma, 15.44, 0.01)).toBe(true)
  }, 300_000)
})
