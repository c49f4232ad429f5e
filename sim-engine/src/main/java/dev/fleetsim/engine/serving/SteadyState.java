package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.workload.serving.EngineSpec;

/**
 * A replica's steady state at an arrival rate, for the fluid mode: the running batch {@code b}
 * and the iteration time {@code τ} that satisfy each other. Little's law gives the batch, each
 * request staying {@code (prefill iterations + output − 1)} iterations; the iteration costs what
 * {@link ServingModel} gives for {@code b} decodes over {@code b × (input + output/2)} KV tokens
 * plus the prefill tokens that arrive in one iteration ({@code rate × τ × input}). Saturation is
 * the batch the engine allows: {@code maxSeqs}, or the KV cache's tokens over a request's mean
 * footprint.
 *
 * @param batch running requests
 * @param iterationS time of one iteration
 * @param requestsPerS requests the replica finishes per second
 * @param kvTokens KV tokens in use
 * @param chunkTokens prompt tokens an iteration has room for beside the decodes
 */
record SteadyState(double batch, double iterationS, double requestsPerS, double kvTokens, double chunkTokens) {

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

    /** The steady state at {@code rate} requests per second (below saturation). */
    static SteadyState at(ServingModel model, Moments m, double rate) {
        EngineSpec e = model.service().engine();
        double tau = model.iterationSeconds(1, m.footprint(), (int) Math.max(1, Math.round(m.meanInput())),
                m.meanInputSq() / 2, 0, 1);
        double batch = 0;
        for (int i = 0; i < 50; i++) {
            double chunk = Math.max(1, e.maxBatchedTokens() - batch);
            double stay = Math.max(1, Math.ceil(m.meanInput() / chunk)) + Math.max(0, m.meanOutput() - 1);
            double nextBatch = rate * stay * tau;
            double prefill = rate * tau * m.meanInput();
            double next = cost(model, m, nextBatch, prefill, rate * tau);
            if (Math.abs(next - tau) < 1e-12 && Math.abs(nextBatch - batch) < 1e-9) {
                break;
            }
            tau = 0.5 * (tau + next);
            batch = nextBatch;
        }
        return new SteadyState(batch, tau, rate, batch * m.footprint(), Math.max(1, e.maxBatchedTokens() - batch));
    }

    /** The saturated state: the largest batch the engine allows, and the rate it finishes requests at. */
    static SteadyState saturated(ServingModel model, Moments m) {
        EngineSpec e = model.service().engine();
        double batch = Math.max(1, Math.min(e.maxSeqs(), model.memory().kvTokens() / Math.max(1, m.footprint())));
        double chunk = Math.max(1, e.maxBatchedTokens() - batch);
        double stay = Math.max(1, Math.ceil(m.meanInput() / chunk)) + Math.max(0, m.meanOutput() - 1);
        double tau = cost(model, m, batch, 0, 0);
        for (int i = 0; i < 50; i++) {
            double rate = batch / (stay * tau);
            double next = cost(model, m, batch, rate * tau * m.meanInput(), rate * tau);
            if (Math.abs(next - tau) < 1e-12) {
                break;
            }
            tau = 0.5 * (tau + next);
        }
        return new SteadyState(batch, tau, batch / (stay * tau), batch * m.footprint(), chunk);
    }

    /** One iteration with {@code batch} decodes and {@code prefillTokens} prompt tokens of {@code prompts} prompts. */
    private static double cost(ServingModel model, Moments m, double batch, double prefillTokens, double prompts) {
        int decodes = (int) Math.max(0, Math.round(batch));
        int tokens = (int) Math.round(prefillTokens);
        double pairs = prompts * m.meanInputSq() / 2;
        return model.iterationSeconds(decodes, decodes * m.footprint(), tokens, pairs, 0,
                decodes + (int) Math.ceil(prompts));
    }
}
