package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.workload.serving.EngineSpec;

/**
 * A replica's steady state at an arrival rate, for the fluid mode. Iterations are of two kinds:
 * decode-only ({@code τd}: {@code b} decodes over {@code b × (input + output/2)} KV tokens) and
 * iterations that also carry a prompt chunk ({@code τp}); a fraction {@code p} of iterations carry
 * one, {@code p = rate × chunks × τ̄}, with {@code τ̄ = (1 − p)·τd + p·τp} the mean iteration (the
 * mean of the two costs, not the cost of the mean: a prompt turns the GEMMs compute-bound). Little's
 * law gives the batch {@code b = rate × (chunks + output − 1) × τ̄}. A token waits {@code τ̄}; a
 * prompt waits for the iteration under way (its residual, {@code E[τ²] / 2E[τ]}) and behind other
 * prompts (M/D/1 at load {@code p}), then prefills in its own chunks. Saturation is the batch the
 * engine allows: {@code maxSeqs}, or the KV cache's tokens over a request's mean footprint. With
 * pipeline parallelism this is one lane of the replica (its share of the load and of the KV
 * cache), and an iteration is {@link ServingModel#laneSeconds}.
 *
 * @param model the replica's iteration model
 * @param footprint a request's mean KV tokens over its life
 * @param batch running requests
 * @param iterationS mean iteration time
 * @param decodeS a decode-only iteration
 * @param prefillShare fraction of iterations that carry a prompt chunk
 * @param requestsPerS requests the replica finishes per second
 * @param kvTokens KV tokens in use
 * @param chunkTokens prompt tokens an iteration has room for beside the decodes
 */
record SteadyState(ServingModel model, double footprint, double batch, double iterationS, double decodeS, double prefillShare,
                   double requestsPerS, double kvTokens, double chunkTokens) {

    /** Means of the request lengths: prompt, prompt squared (attention pairs), output. */
    record Moments(double meanInput, double meanInputSq, double meanOutput) {
        static Moments of(int[][] lengths) {
            double in = 0;
            double in2 = 0;
            double out = 0;
            for (int[] l : lengths) {
                in += l[0];
                in2 += (double) l[0] * l[0];
                out += l[1];
            }
            int n = Math.max(1, lengths.length);
            return new Moments(in / n, in2 / n, out / n);
        }

        double footprint() {
            return meanInput + meanOutput / 2;
        }
    }

    /** Iterations a prompt of {@code tokens} takes to prefill. */
    double prefillIterations(int tokens) {
        return Math.max(1, Math.ceil(tokens / Math.max(1, chunkTokens)));
    }

    /** An iteration that carries one chunk of a prompt of {@code tokens}. */
    double prefillIterationS(int tokens) {
        return prefillCost(model, footprint, batch, Math.min(tokens, chunkTokens), (double) tokens * (tokens + 1) / 2
                / prefillIterations(tokens));
    }

    /** Time from a prompt's arrival to its first token: the wait for its first iteration, then its chunks. */
    double ttftS(int tokens) {
        return waitS() + prefillIterations(tokens) * prefillIterationS(tokens);
    }

    /** The wait before a prompt's first chunk: the residual of the iteration under way, and the prompts ahead of it. */
    double waitS() {
        double tp = decodeS + (iterationS - decodeS) / Math.max(1e-12, prefillShare);
        double second = (1 - prefillShare) * decodeS * decodeS + prefillShare * tp * tp;
        double residual = second / (2 * iterationS);
        double rho = Math.min(0.95, prefillShare);
        return residual + rho / (2 * (1 - rho)) * tp;
    }

    /** The steady state at {@code rate} requests per second (below saturation). */
    static SteadyState at(ServingModel model, Moments m, double rate) {
        EngineSpec e = model.service().engine();
        double batch = 0;
        SteadyState s = solve(model, m, rate, 1);
        for (int i = 0; i < 60; i++) {
            double next = rate * (s.chunkIterations(m) + Math.max(0, m.meanOutput() - 1)) * s.iterationS;
            if (Math.abs(next - batch) < 1e-6) {
                break;
            }
            batch = 0.5 * (batch + next);
            s = solve(model, m, rate, Math.min(batch, e.maxSeqs()));
        }
        return s;
    }

    /** The saturated state: the largest batch the engine allows, and the rate it finishes requests at. */
    static SteadyState saturated(ServingModel model, Moments m) {
        EngineSpec e = model.service().engine();
        double kvTokens = model.memory().kvTokens() / model.pp();
        double batch = Math.max(1, Math.min(e.maxSeqs(), kvTokens / Math.max(1, m.footprint())));
        double rate = 0;
        SteadyState s = solve(model, m, rate, batch);
        for (int i = 0; i < 60; i++) {
            double next = batch / ((s.chunkIterations(m) + Math.max(0, m.meanOutput() - 1)) * s.iterationS);
            if (Math.abs(next - rate) < 1e-9 * Math.max(1, next)) {
                break;
            }
            rate = 0.5 * (rate + next);
            s = solve(model, m, rate, batch);
        }
        return s;
    }

    private double chunkIterations(Moments m) {
        return Math.max(1, Math.ceil(m.meanInput() / Math.max(1, chunkTokens)));
    }

    /** The iteration mix at {@code rate} with {@code batch} decodes running. */
    private static SteadyState solve(ServingModel model, Moments m, double rate, double batch) {
        EngineSpec e = model.service().engine();
        double chunk = Math.max(1, e.maxBatchedTokens() - batch);
        double chunks = Math.max(1, Math.ceil(m.meanInput() / chunk));
        double td = decodeCost(model, m, batch);
        double tp = prefillCost(model, m.footprint(), batch, Math.min(m.meanInput(), chunk), m.meanInputSq() / 2 / chunks);
        double p = prefillShare(rate, chunks, td, tp);
        if (model.pp() > 1) {
            // A lane's micro-batch also waits at the stages behind the other lanes': its gap
            // depends on how many of them carry a prompt chunk, and that share on the gaps.
            int decodes = (int) Math.max(0, Math.round(batch));
            double[] sd = model.stageSeconds(Math.max(1, decodes), Math.max(1, decodes) * m.footprint(), 0, 0, 0,
                    Math.max(1, decodes));
            double[] sp = model.stageSeconds(decodes, decodes * m.footprint(),
                    (int) Math.max(1, Math.round(Math.min(m.meanInput(), chunk))), m.meanInputSq() / 2 / chunks, 0,
                    decodes + 1);
            for (int i = 0; i < 40; i++) {
                td = laneGap(sd, sd, sp, p, model.pp());
                tp = laneGap(sp, sd, sp, p, model.pp());
                p = 0.5 * (p + prefillShare(rate, chunks, td, tp));
            }
        }
        double mean = td + p * (tp - td);
        return new SteadyState(model, m.footprint(), batch, mean, td, p, rate, batch * m.footprint(), chunk);
    }

    /** p = rate × chunks × τ̄ with τ̄ = τd + p (τp − τd), solved for p. */
    private static double prefillShare(double rate, double chunks, double td, double tp) {
        double denominator = 1 - rate * chunks * (tp - td);
        return denominator > 0 ? Math.min(1, rate * chunks * td / denominator) : 1;
    }

    /**
     * The gap between two micro-batches of one lane whose micro-batch is {@code own} (by part, as
     * {@link ServingModel#stageSeconds}), when each of the other {@code pp − 1} lanes' carries a
     * prompt chunk ({@code prefill}) with probability {@code p}, else decodes ({@code decode}): its
     * pipeline latency, or the stage time of every lane's micro-batch when the stages are the
     * bottleneck, in expectation over how many others carry a chunk. The lanes pass each stage in
     * turn, so all keep one period, the slowest circuit of their timed event graph (its maximum cycle
     * mean: Baccelli, Cohen, Olsder, Quadrat, Synchronization and Linearity, Wiley 1992): every
     * lane's own latency is such a circuit, so a lane beside a prompt chunk waits that chunk's.
     */
    static double laneGap(double[] own, double[] decode, double[] prefill, double p, int pp) {
        double latency = latency(own, pp);
        double decodeLatency = latency(decode, pp);
        double prefillLatency = latency(prefill, pp);
        double gap = 0;
        double choose = 1;
        for (int k = 0; k < pp; k++) {
            double weight = choose * Math.pow(p, k) * Math.pow(1 - p, pp - 1 - k);
            double stages = own[0] + own[1] + (pp - 1 - k) * (decode[0] + decode[1]) + k * (prefill[0] + prefill[1]);
            // The lanes pass the stages in turn, so they keep one period: the slowest lane's latency
            // holds every lane back (a micro-batch behind a prompt chunk waits for it at each stage).
            double slowest = Math.max(latency, Math.max(k > 0 ? prefillLatency : 0, k < pp - 1 ? decodeLatency : 0));
            gap += weight * Math.max(slowest, stages);
            choose = choose * (pp - 1 - k) / (k + 1);
        }
        return gap;
    }

    /** A micro-batch's pass through the pipeline alone: host overhead, {@code pp} stages, hand-offs, the head. */
    private static double latency(double[] parts, int pp) {
        return pp * parts[0] + (pp - 1) * parts[2] + parts[1] + parts[3];
    }

    private static double decodeCost(ServingModel model, Moments m, double batch) {
        int decodes = (int) Math.max(0, Math.round(batch));
        return decodes == 0 ? model.laneSeconds(1, m.footprint(), 0, 0, 0, 1)
                : model.laneSeconds(decodes, decodes * m.footprint(), 0, 0, 0, decodes);
    }

    private static double prefillCost(ServingModel model, double footprint, double batch, double tokens, double pairs) {
        int decodes = (int) Math.max(0, Math.round(batch));
        return model.laneSeconds(decodes, decodes * footprint, (int) Math.max(1, Math.round(tokens)), pairs, 0,
                decodes + 1);
    }
}
