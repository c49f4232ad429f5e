// GEMM through cuBLASLt over a grid of shapes for one dtype: D = A^T B (the "TN" layout that
// FP8 requires on Hopper, used for every dtype so the dtypes compare like for like), the
// heuristic's first algorithm (what frameworks run), random data, rotating buffer sets so that
// the working set exceeds L2 (weights come from HBM in a real step), CUDA-event timing of
// back-to-back calls, median of the samples. FP8 shapes are timed twice, with fast accumulation on
// (what Transformer Engine runs forward GEMMs with) and off (cuBLASLt's default, the split accumulator
// of its dgrad/wgrad GEMMs), one after the other, so `calibrate fit` gets the curve and the ratio.
#include "dynlib.h"
#include "fsbench.h"

#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_fp8.h>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace fsb {
namespace {

struct DtypeInfo {
    std::string name;
    cudaDataType_t ab;   // A and B
    cudaDataType_t cd;   // C and D
    int compute;         // cublasComputeType_t
    int abBytes;
    int cdBytes;
    int minCc;           // compute capability needed
};

bool dtypeInfo(const std::string& name, DtypeInfo& out) {
    if (name == "fp32") out = {name, CUDA_R_32F, CUDA_R_32F, lt::COMPUTE_32F, 4, 4, 0};
    else if (name == "tf32") out = {name, CUDA_R_32F, CUDA_R_32F, lt::COMPUTE_32F_FAST_TF32, 4, 4, 80};
    else if (name == "bf16") out = {name, CUDA_R_16BF, CUDA_R_16BF, lt::COMPUTE_32F, 2, 2, 80};
    else if (name == "fp16") out = {name, CUDA_R_16F, CUDA_R_16F, lt::COMPUTE_32F, 2, 2, 70};
    else if (name == "fp8") out = {name, CUDA_R_8F_E4M3, CUDA_R_16BF, lt::COMPUTE_32F, 1, 2, 89};
    else return false;
    return true;
}

typedef std::tuple<long long, long long, long long> Shape;

// The grid, most informative first so that a truncated run still fits: squares (peak and
// size dependence), K sweeps (the K/(K+kHalf) term), shapes that are multiples of 16 but not
// of 64 or 128 (tile quantisation), tile counts just above a multiple of the SM count (wave
// quantisation), the skinny shapes of tensor-parallel shards and decode, then a coarse cube.
std::vector<Shape> grid(bool quick, const std::string& dtype) {
    std::vector<Shape> v;
    std::set<Shape> seen;
    auto add = [&](long long m, long long n, long long k) {
        Shape s{m, n, k};
        if (seen.insert(s).second) v.push_back(s);
    };
    bool slow = dtype == "fp32";  // no tensor cores: skip the largest cubes
    std::vector<long long> squares = quick ? std::vector<long long>{512, 1024, 2048, 4096, 8192, 16384}
                                           : std::vector<long long>{256, 512, 768, 1024, 1536, 2048, 3072, 4096,
                                                                    6144, 8192, 12288, 16384};
    for (long long s : squares) {
        if (slow && s > 8192) continue;
        add(s, s, s);
    }
    std::vector<long long> ks = quick ? std::vector<long long>{256, 1024, 16384}
                                      : std::vector<long long>{256, 512, 1024, 2048, 8192, 16384};
    for (long long k : ks) add(4096, 4096, k);
    std::vector<long long> ragged = quick ? std::vector<long long>{1040, 3088, 5008}
                                          : std::vector<long long>{1040, 2064, 3088, 4112, 5008, 6160, 8208};
    for (long long r : ragged) add(r, r, r);
    if (!quick) {
        add(4096, 4160, 4096);
        add(4160, 4096, 4096);
        add(4096, 4096 + 16, 4096);
        add(4096 + 48, 4096, 4096 + 48);
    }
    // wave quantisation: on 132 SMs, 2176 x 2176 with 128 x 128 tiles is 289 tiles (2.2 waves)
    std::vector<long long> waves = quick ? std::vector<long long>{2176} : std::vector<long long>{1408, 2176, 2944, 4480};
    for (long long w : waves) add(w, w, 4096);
    // skinny: decode (M = batch of tokens) and prefill on TP shards of 8B and 70B models
    struct Weight { long long n, k; };
    std::vector<Weight> weights = quick
        ? std::vector<Weight>{{4096, 4096}, {28672, 4096}, {4096, 14336}}
        : std::vector<Weight>{{6144, 4096}, {4096, 4096}, {28672, 4096}, {4096, 14336},   // 8B, TP 1
                              {1280, 8192}, {8192, 1024}, {7168, 8192}, {8192, 3584}};    // 70B, TP 8
    std::vector<long long> tokens = quick ? std::vector<long long>{16, 256, 4096}
                                          : std::vector<long long>{16, 64, 256, 1024, 4096, 16384};
    for (long long t : tokens) {
        for (const Weight& w : weights) add(t, w.n, w.k);
    }
    if (!quick) {
        std::vector<long long> cube = {256, 1024, 4096, 16384};
        for (long long m : cube)
            for (long long n : cube)
                for (long long k : cube) {
                    if (slow && m * n * k > 4096LL * 4096 * 16384) continue;
                    add(m, n, k);
                }
    }
    return v;
}

__device__ inline float hashUniform(unsigned long long i, unsigned seed) {
    unsigned long long x = i * 0x9E3779B97F4A7C15ULL + seed;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (float)((x >> 40) & 0xFFFFFF) / 8388608.0f - 1.0f;  // [-1, 1)
}

template <typename T>
__global__ void fillRandom(T* p, size_t n, unsigned seed) {
    for (size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x; i < n; i += (size_t)gridDim.x * blockDim.x) {
        p[i] = T(hashUniform(i, seed));
    }
}

void fill(void* p, cudaDataType_t type, size_t n, unsigned seed) {
    int blocks = 1024, threads = 256;
    switch (type) {
        case CUDA_R_32F: fillRandom<float><<<blocks, threads>>>((float*)p, n, seed); break;
        case CUDA_R_16BF: fillRandom<__nv_bfloat16><<<blocks, threads>>>((__nv_bfloat16*)p, n, seed); break;
        case CUDA_R_16F: fillRandom<__half><<<blocks, threads>>>((__half*)p, n, seed); break;
        case CUDA_R_8F_E4M3: fillRandom<__nv_fp8_e4m3><<<blocks, threads>>>((__nv_fp8_e4m3*)p, n, seed); break;
        default: break;
    }
    FSB_CUDA(cudaGetLastError());
}

constexpr size_t WORKSPACE_BYTES = 32u << 20;

// One shape: layouts, heuristic, buffers, timing. fastAccum: 1 or 0 sets CUBLASLT_MATMUL_DESC_FAST_ACCUM
// (before the heuristic, which picks kernels by it) and records "accumulation"; -1 leaves cuBLASLt's default
// and records nothing. Returns false (with the reason) when the point cannot be measured; the caller reports
// it and goes on.
bool measure(const lt::Api& api, lt::Handle handle, const DtypeInfo& dt, int device, Shape shape, int fastAccum,
             const Options& opt, cudaStream_t stream, void* workspace, float* unitScale, Json& out, std::string& why) {
    long long m, n, k;
    std::tie(m, n, k) = shape;
    lt::MatmulDesc desc = nullptr;
    lt::MatrixLayout la = nullptr, lb = nullptr, lc = nullptr;
    lt::Preference pref = nullptr;
    std::vector<void*> buffers;
    bool ok = false;
    do {
        if (api.matmulDescCreate(&desc, dt.compute, CUDA_R_32F) != 0) { why = "cublasLtMatmulDescCreate failed"; break; }
        int opT = lt::OP_T, opN = lt::OP_N;
        api.matmulDescSetAttribute(desc, lt::DESC_TRANSA, &opT, sizeof opT);
        api.matmulDescSetAttribute(desc, lt::DESC_TRANSB, &opN, sizeof opN);
        if (dt.name == "fp8") {
            api.matmulDescSetAttribute(desc, lt::DESC_A_SCALE_POINTER, &unitScale, sizeof unitScale);
            api.matmulDescSetAttribute(desc, lt::DESC_B_SCALE_POINTER, &unitScale, sizeof unitScale);
        }
        if (fastAccum >= 0) {
            int8_t fast = (int8_t)fastAccum;
            if (api.matmulDescSetAttribute(desc, lt::DESC_FAST_ACCUM, &fast, sizeof fast) != 0) {
                why = "cublasLtMatmulDescSetAttribute(FAST_ACCUM) failed";
                break;
            }
        }
        if (api.matrixLayoutCreate(&la, dt.ab, k, m, k) != 0 || api.matrixLayoutCreate(&lb, dt.ab, k, n, k) != 0 ||
            api.matrixLayoutCreate(&lc, dt.cd, m, n, m) != 0) {
            why = "cublasLtMatrixLayoutCreate failed";
            break;
        }
        api.preferenceCreate(&pref);
        size_t ws = WORKSPACE_BYTES;
        api.preferenceSetAttribute(pref, lt::PREF_MAX_WORKSPACE_BYTES, &ws, sizeof ws);
        lt::HeuristicResult result{};
        int returned = 0;
        lt::Status st = api.algoGetHeuristic(handle, desc, la, lb, lc, lc, pref, 1, &result, &returned);
        if (st != 0 || returned == 0) {
            why = "cuBLASLt has no algorithm for this shape (status " + std::to_string(st) + ")";
            break;
        }
        // Rotating buffer sets: enough that the sets together exceed three times L2.
        size_t setBytes = (size_t)(m * k + k * n) * dt.abBytes + (size_t)(m * n) * dt.cdBytes;
        size_t l2 = (size_t)l2Bytes(device);
        size_t sets = std::max<size_t>(1, (3 * l2 + setBytes - 1) / setBytes);
        size_t cap = std::min<size_t>(4ull << 30, freeDeviceBytes(device) / 2);
        if (setBytes > cap) { why = "not enough free device memory (" + std::to_string(setBytes >> 20) + " MiB needed)"; break; }
        sets = std::min<size_t>({sets, cap / setBytes, (size_t)512});
        bool allocFailed = false;
        for (size_t s = 0; s < sets && !allocFailed; ++s) {
            void *a = nullptr, *b = nullptr, *c = nullptr;
            if (cudaMalloc(&a, (size_t)(m * k) * dt.abBytes) != cudaSuccess ||
                cudaMalloc(&b, (size_t)(k * n) * dt.abBytes) != cudaSuccess ||
                cudaMalloc(&c, (size_t)(m * n) * dt.cdBytes) != cudaSuccess) {
                allocFailed = true;
                cudaGetLastError();
            }
            buffers.push_back(a);
            buffers.push_back(b);
            buffers.push_back(c);
            if (!allocFailed) {
                fill(a, dt.ab, (size_t)(m * k), 1 + (unsigned)s);
                fill(b, dt.ab, (size_t)(k * n), 1000 + (unsigned)s);
            }
        }
        if (allocFailed) { why = "cudaMalloc failed for the buffers"; break; }
        FSB_CUDA(cudaDeviceSynchronize());
        float alpha = 1.0f, beta = 0.0f;
        lt::Status runStatus = 0;
        auto call = [&](int i) {
            size_t s = (size_t)i % sets;
            void* a = buffers[3 * s];
            void* b = buffers[3 * s + 1];
            void* c = buffers[3 * s + 2];
            lt::Status r = api.matmul(handle, desc, &alpha, a, la, b, lb, &beta, c, lc, c, lc, &result.algo, workspace,
                                      WORKSPACE_BYTES, stream);
            if (r != 0) runStatus = r;
        };
        Timing t = timeOnStream(stream, opt.warmup, opt.samples, 0, 1000.0, call);
        if (runStatus != 0) { why = "cublasLtMatmul failed (status " + std::to_string(runStatus) + ")"; break; }
        double flops = 2.0 * (double)m * (double)n * (double)k;
        out.str("kind", "gemm")
            .integer("device", device)
            .str("dtype", dt.name)
            .integer("m", m)
            .integer("n", n)
            .integer("k", k)
            .str("layout", "TN");
        if (fastAccum >= 0) out.str("accumulation", fastAccum == 1 ? "fast" : "split");
        out.timing(t)
            .num("tflops", flops / (t.medianUs * 1e-6) / 1e12)
            .num("wavesCount", result.wavesCount)
            .integer("bufferSets", (long long)sets);
        ok = true;
    } while (false);
    for (void* p : buffers)
        if (p != nullptr) cudaFree(p);
    if (pref) api.preferenceDestroy(pref);
    if (la) api.matrixLayoutDestroy(la);
    if (lb) api.matrixLayoutDestroy(lb);
    if (lc) api.matrixLayoutDestroy(lc);
    if (desc) api.matmulDescDestroy(desc);
    return ok;
}

}  // namespace

// The shapes the per-device unit times on every GPU: large, compute-bound GEMMs of a few tile paths,
// where the spread between GPUs (clocks, power, binning) shows and the fit's shape terms do not.
static const std::vector<Shape> DEVICE_SHAPES = {Shape{8192, 8192, 8192}, Shape{4096, 4096, 4096}, Shape{8192, 8192, 2048}};

// The accumulation modes a unit times per shape: fast then split for the fp8 grid, the default alone otherwise.
static std::vector<int> accumulationModes(const DtypeInfo& dt, bool bothModes) {
    return bothModes && dt.name == "fp8" ? std::vector<int>{1, 0} : std::vector<int>{-1};
}

// Times `shapes` on `device` (cuBLASLt and its compute capability checked by the caller) in each mode of
// accumulationModes, both modes of a shape back to back so that a truncated run keeps pairs; returns the points written.
static int gemmOnDevice(const lt::Api& api, const DtypeInfo& dt, int device, const std::vector<Shape>& shapes,
                        bool bothModes, const Options& opt, const std::string& bench, Budget& budget, bool& truncated) {
    FSB_CUDA(cudaSetDevice(device));
    lt::Handle handle = nullptr;
    if (api.create(&handle) != 0) die(EXIT_FAILED, "cublasLtCreate failed");
    cudaStream_t stream;
    FSB_CUDA(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking));
    void* workspace = nullptr;
    FSB_CUDA(cudaMalloc(&workspace, WORKSPACE_BYTES));
    float* unitScale = nullptr;
    FSB_CUDA(cudaMalloc(&unitScale, sizeof(float)));
    float one = 1.0f;
    FSB_CUDA(cudaMemcpy(unitScale, &one, sizeof one, cudaMemcpyHostToDevice));
    int points = 0;
    for (const Shape& s : shapes) {
        if (budget.exhausted()) {
            truncated = true;
            break;
        }
        for (int mode : accumulationModes(dt, bothModes)) {
            Json line;
            std::string why;
            if (measure(api, handle, dt, device, s, mode, opt, stream, workspace, unitScale, line, why)) {
                line.emit();
                ++points;
            } else {
                emitSkipped(bench, "device " + std::to_string(device) + " m=" + std::to_string(std::get<0>(s)) + " n=" +
                                       std::to_string(std::get<1>(s)) + " k=" + std::to_string(std::get<2>(s)) +
                                       (mode < 0 ? "" : mode == 1 ? " fast accumulation" : " split accumulation"), why);
            }
        }
    }
    cudaFree(unitScale);
    cudaFree(workspace);
    cudaStreamDestroy(stream);
    api.destroy(handle);
    return points;
}

// The unit's library and dtype checks; false (after writing the skipped and end lines) when nothing can run.
static bool gemmUsable(const std::string& bench, const DtypeInfo& dt, int device, const lt::Api*& api, double start) {
    const DynLib* lib = nullptr;
    api = cublasLt(&lib);
    if (api == nullptr) {
        emitSkipped(bench, "all shapes", lib->error);
        emitEnd(bench, "skipped", 0, nowS() - start);
        return false;
    }
    int cc = computeCapability(device);
    if (cc < dt.minCc) {
        emitSkipped(bench, "all shapes", dt.name + " needs compute capability " + std::to_string(dt.minCc / 10) + "." +
                                             std::to_string(dt.minCc % 10) + " or newer; this GPU has " +
                                             std::to_string(cc / 10) + "." + std::to_string(cc % 10));
        emitEnd(bench, "skipped", 0, nowS() - start);
        return false;
    }
    return true;
}

int runGemm(const Options& opt) {
    DtypeInfo dt;
    if (!dtypeInfo(opt.dtype, dt)) die(EXIT_USAGE, "gemm: --dtype must be one of fp32, tf32, bf16, fp16, fp8; found \"%s\"", opt.dtype.c_str());
    std::string bench = "gemm-" + dt.name;
    int device = opt.device < 0 ? 0 : opt.device;
    if (device >= deviceCount()) die(EXIT_USAGE, "gemm: --device %d does not exist", device);
    FSB_CUDA(cudaSetDevice(device));
    emitIdentity(bench, opt);
    double start = nowS();
    const lt::Api* api = nullptr;
    if (!gemmUsable(bench, dt, device, api, start)) return EXIT_OK;
    std::vector<Shape> shapes = grid(opt.quick, dt.name);
    emitPlan(bench, (int)(shapes.size() * accumulationModes(dt, true).size()));
    Budget budget(opt.budgetS);
    bool truncated = false;
    int points = gemmOnDevice(*api, dt, device, shapes, true, opt, bench, budget, truncated);
    emitEnd(bench, truncated ? "truncated" : "ok", points, nowS() - start);
    return EXIT_OK;
}

// gemm-devices: the same few large GEMMs on every GPU of the node (or --device N alone), one after
// another, so `calibrate fit` can tell how far the GPUs of one type differ (the profile's gemmSpread).
int runGemmDevices(const Options& opt) {
    DtypeInfo dt;
    std::string dtype = opt.dtype.empty() ? "bf16" : opt.dtype;
    if (!dtypeInfo(dtype, dt)) die(EXIT_USAGE, "gemm-devices: --dtype must be one of fp32, tf32, bf16, fp16, fp8; found \"%s\"", dtype.c_str());
    std::string bench = "gemm-devices";
    int count = deviceCount();
    if (opt.device >= count) die(EXIT_USAGE, "gemm-devices: --device %d does not exist", opt.device);
    int first = opt.device < 0 ? 0 : opt.device;
    int last = opt.device < 0 ? count - 1 : opt.device;
    FSB_CUDA(cudaSetDevice(first));
    emitIdentity(bench, opt);
    double start = nowS();
    const lt::Api* api = nullptr;
    if (!gemmUsable(bench, dt, first, api, start)) return EXIT_OK;
    emitPlan(bench, (int)DEVICE_SHAPES.size() * (last - first + 1));
    Budget budget(opt.budgetS);
    bool truncated = false;
    int points = 0;
    for (int d = first; d <= last && !truncated; ++d) {
        points += gemmOnDevice(*api, dt, d, DEVICE_SHAPES, false, opt, bench, budget, truncated);
    }
    emitEnd(bench, truncated ? "truncated" : "ok", points, nowS() - start);
    return EXIT_OK;
}

}  // namespace fsb
